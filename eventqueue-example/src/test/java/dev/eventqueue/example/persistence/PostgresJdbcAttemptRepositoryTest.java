package dev.eventqueue.example.persistence;

import com.zaxxer.hikari.HikariConfig;

/** On the local PostgreSQL (EVENT_QUEUE_TEST_POSTGRES_URL / _USER to override), in tables of its own. */
class PostgresJdbcAttemptRepositoryTest extends JdbcAttemptRepositoryContract {

    @Override
    HikariConfig connection() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(
                System.getenv().getOrDefault("EVENT_QUEUE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(System.getenv().getOrDefault("EVENT_QUEUE_TEST_POSTGRES_USER", "postgres"));
        return config;
    }
}
