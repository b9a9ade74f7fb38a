package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.DispatcherContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The dispatcher's behaviour on one database: one table for the class (created by the
 * repository itself), emptied before every test and dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcDispatcherContract extends DispatcherContract {

    private final DataSource dataSource;
    private final String table = TestDatabases.uniqueTable("dispatch");
    private JdbcEventQueueRepository current;

    JdbcDispatcherContract(TestDatabases.Kind kind) {
        this.dataSource = kind.dataSource();
    }

    @Override
    protected EventQueueRepository newRepository() {
        if (current != null) {
            current.close();
        }
        current = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
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
