package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.DispatcherContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The dispatcher's behaviour on one database, on a {@link ContractTable} of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcDispatcherContract extends DispatcherContract {

    private final ContractTable table;

    JdbcDispatcherContract(TestDatabases.Kind kind) {
        this.table = new ContractTable(kind, "dispatch", true);
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
