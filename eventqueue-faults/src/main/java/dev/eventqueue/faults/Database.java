package dev.eventqueue.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** A database the suite runs on: where it is, and the little SQL that differs between products. */
public record Database(String label, boolean postgres, String url, String user) {

    public static Database postgres(String label, String url, String user) {
        return new Database(label, true, url, user);
    }

    public static Database mariadb(String url, String user) {
        return new Database("MariaDB", false, url, user);
    }

    /** A pool whose connections carry {@code name}, so a scenario can find (and kill) them on the server. */
    public HikariDataSource pool(String name, int size, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        if (postgres) {
            config.addDataSourceProperty("ApplicationName", name);
        }
        return new HikariDataSource(config);
    }

    /** One connection outside any pool, named {@code name} on the server where the database can. */
    public Connection connect(String name) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "");
        if (postgres) {
            properties.setProperty("ApplicationName", name);
        }
        return DriverManager.getConnection(url, properties);
    }

    /** A column type for the database's current time with microseconds. */
    String timestampType() {
        return postgres ? "TIMESTAMP(6)" : "DATETIME(6)";
    }

    /** The current time as the deliveries table stores it. */
    public String nowExpression() {
        return postgres ? "LOCALTIMESTAMP(6)" : "CURRENT_TIMESTAMP(6)";
    }
}
