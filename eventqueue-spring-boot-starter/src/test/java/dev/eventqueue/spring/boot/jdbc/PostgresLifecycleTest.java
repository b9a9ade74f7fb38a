package dev.eventqueue.spring.boot.jdbc;

import dev.eventqueue.spring.boot.fixtures.TestDatabase;

class PostgresLifecycleTest extends JdbcLifecycleContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
