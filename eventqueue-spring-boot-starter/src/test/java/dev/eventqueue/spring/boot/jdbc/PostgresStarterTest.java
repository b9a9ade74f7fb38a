package dev.eventqueue.spring.boot.jdbc;

import dev.eventqueue.spring.boot.fixtures.TestDatabase;
import dev.eventqueue.testdatabases.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresStarterTest extends JdbcStarterContract {

    /** Before the context: skips the class, rather than failing its context, when no server can be had. */
    @BeforeAll
    static void aServerIsThere() {
        TestServers.postgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase postgres = TestDatabase.postgres();
        postgres.properties(postgres.server().getPort()).forEach((name, value) -> registry.add(name, () -> value));
    }
}
