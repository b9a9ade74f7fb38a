package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

class MariaDbRepositoryContractTest extends JdbcRepositoryContract {

    MariaDbRepositoryContractTest() {
        super(TestDatabases.Kind.MARIADB);
    }
}
