package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.AggregateOrderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** Per-aggregate order on one database, on a {@link ContractTable} of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcAggregateOrderContract extends AggregateOrderContract {

    private final ContractTable table;

    JdbcAggregateOrderContract(TestDatabases.Kind kind) {
        this.table = new ContractTable(kind, "ordered", true);
    }

    @Override
    protected EventQueueRepository newRepository() {
        return table.freshRepository();
    }

    @AfterAll
    void dropTable() {
        table.close();
    }
}
