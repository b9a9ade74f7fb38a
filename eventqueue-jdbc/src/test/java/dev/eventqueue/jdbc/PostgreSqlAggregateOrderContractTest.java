package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

/** Per-aggregate order on PostgreSQL. */
class PostgreSqlAggregateOrderContractTest extends JdbcAggregateOrderContract {

    PostgreSqlAggregateOrderContractTest() {
        super(TestDatabases.Kind.POSTGRESQL);
    }
}
