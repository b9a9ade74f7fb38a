package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.EventQueueRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The core repository contract, unchanged, on one database, on a {@link ContractTable} of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcRepositoryContract extends EventQueueRepositoryContract {

    private final ContractTable table;

    JdbcRepositoryContract(TestDatabases.Kind kind) {
        this(kind, true);
    }

    JdbcRepositoryContract(TestDatabases.Kind kind, boolean notifications) {
        this.table = new ContractTable(kind, "contract", notifications);
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
