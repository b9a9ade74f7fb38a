package dev.eventqueue.example.persistence;

import com.zaxxer.hikari.HikariConfig;

class H2JdbcAttemptRepositoryTest extends JdbcAttemptRepositoryContract {

    @Override
    HikariConfig connection() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
        return config;
    }
}
