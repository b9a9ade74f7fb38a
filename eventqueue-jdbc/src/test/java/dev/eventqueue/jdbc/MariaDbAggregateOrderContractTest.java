package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

/** Per-aggregate order on MariaDB. */
class MariaDbAggregateOrderContractTest extends JdbcAggregateOrderContract {

    MariaDbAggregateOrderContractTest() {
        super(TestDatabases.Kind.MARIADB);
    }
}
