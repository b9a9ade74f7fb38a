package dev.eventqueue.example.persistence;

import com.zaxxer.hikari.HikariConfig;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;

/** On the test PostgreSQL (see TestServers), in tables of its own. */
class PostgresJdbcAttemptRepositoryTest extends JdbcAttemptRepositoryContract {

    @Override
    HikariConfig connection() {
        HikariConfig config = new HikariConfig();
        TestServer server = TestServers.postgres();
        config.setJdbcUrl(server.url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        return config;
    }
}
