package dev.eventqueue.spring.boot.jdbc;

import dev.eventqueue.spring.boot.fixtures.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2StarterTest extends JdbcStarterContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase h2 = TestDatabase.h2();
        h2.properties(h2.server().getPort()).forEach((name, value) -> registry.add(name, () -> value));
    }
}
