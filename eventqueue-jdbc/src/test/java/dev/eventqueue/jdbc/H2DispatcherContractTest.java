package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

class H2DispatcherContractTest extends JdbcDispatcherContract {

    H2DispatcherContractTest() {
        super(TestDatabases.Kind.H2);
    }
}
