package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.AggregateOrderContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** Per-aggregate order on one database: one table for the class, emptied before every test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcAggregateOrderContract extends AggregateOrderContract {

    private final DataSource dataSource;
    private final String table = TestDatabases.uniqueTable("ordered");
    private JdbcEventQueueRepository current;

    JdbcAggregateOrderContract(TestDatabases.Kind kind) {
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
