package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.EventQueueRepositoryContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The core repository contract, unchanged, on one database: one table for the class (created by
 * the repository itself), emptied before every test and dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcRepositoryContract extends EventQueueRepositoryContract {

    private final DataSource dataSource;
    private final String table = TestDatabases.uniqueTable("contract");
    private final boolean notifications;
    private JdbcEventQueueRepository current;

    JdbcRepositoryContract(TestDatabases.Kind kind) {
        this(kind, true);
    }

    JdbcRepositoryContract(TestDatabases.Kind kind, boolean notifications) {
        this.dataSource = kind.dataSource();
        this.notifications = notifications;
    }

    @Override
    protected EventQueueRepository newRepository() {
        if (current != null) {
            current.close();
        }
        current = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .notifications(notifications)
                .build();
        TestDatabases.clear(dataSource, table);
        return current;
    }

    @AfterAll
    void dropTable() {
        if (current != null) {
            current.close();
        }
        TestDatabases.drop(dataSource, table);
    }
}
