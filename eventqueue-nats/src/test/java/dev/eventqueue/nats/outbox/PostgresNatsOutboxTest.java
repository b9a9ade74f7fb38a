package dev.eventqueue.nats.outbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import javax.sql.DataSource;

/** The outbox on PostgreSQL. */
class PostgresNatsOutboxTest extends NatsOutboxContract {

    @Override
    protected DataSource newDataSource() {
        TestServer server = TestServers.postgres();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }
}
