package dev.eventqueue.spring.boot.jdbc;

import dev.eventqueue.spring.boot.fixtures.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresStarterTest extends JdbcStarterContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase postgres = TestDatabase.postgres();
        postgres.properties(postgres.server().getPort()).forEach((name, value) -> registry.add(name, () -> value));
    }
}
