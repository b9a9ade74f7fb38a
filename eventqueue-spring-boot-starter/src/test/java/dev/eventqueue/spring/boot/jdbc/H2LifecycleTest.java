package dev.eventqueue.spring.boot.jdbc;

import dev.eventqueue.spring.boot.fixtures.TestDatabase;

class H2LifecycleTest extends JdbcLifecycleContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
