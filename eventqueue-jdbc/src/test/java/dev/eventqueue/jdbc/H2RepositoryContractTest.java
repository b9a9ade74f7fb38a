package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

class H2RepositoryContractTest extends JdbcRepositoryContract {

    H2RepositoryContractTest() {
        super(TestDatabases.Kind.H2);
    }
}
