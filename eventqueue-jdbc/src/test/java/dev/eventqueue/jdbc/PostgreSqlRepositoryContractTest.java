package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

class PostgreSqlRepositoryContractTest extends JdbcRepositoryContract {

    PostgreSqlRepositoryContractTest() {
        super(TestDatabases.Kind.POSTGRESQL);
    }
}
