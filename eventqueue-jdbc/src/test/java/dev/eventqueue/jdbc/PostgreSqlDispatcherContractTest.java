package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

class PostgreSqlDispatcherContractTest extends JdbcDispatcherContract {

    PostgreSqlDispatcherContractTest() {
        super(TestDatabases.Kind.POSTGRESQL);
    }
}
