package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

class MariaDbDispatcherContractTest extends JdbcDispatcherContract {

    MariaDbDispatcherContractTest() {
        super(TestDatabases.Kind.MARIADB);
    }
}
