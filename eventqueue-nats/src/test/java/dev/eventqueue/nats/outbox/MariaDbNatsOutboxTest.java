package dev.eventqueue.nats.outbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import javax.sql.DataSource;

/** The outbox on MariaDB, its pools at READ COMMITTED as the JDBC store recommends. */
class MariaDbNatsOutboxTest extends NatsOutboxContract {

    @Override
    protected DataSource newDataSource() {
        TestServer server = TestServers.mariadb();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }
}
