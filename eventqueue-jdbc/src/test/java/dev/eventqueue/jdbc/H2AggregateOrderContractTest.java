package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

/** Per-aggregate order on H2. */
class H2AggregateOrderContractTest extends JdbcAggregateOrderContract {

    H2AggregateOrderContractTest() {
        super(TestDatabases.Kind.H2);
    }
}
