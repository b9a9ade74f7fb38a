package dev.eventqueue.bench.peer;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.bench.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL schema for one run of a peer, so its tables (whatever their names) cannot meet
 * those of another run or another user of the server; dropped with everything in it on close.
 */
final class PeerSchema implements AutoCloseable {

    private final String name;
    private final HikariDataSource admin;
    private final HikariDataSource pool;

    PeerSchema(String purpose, int poolSize) throws SQLException {
        this.name = Database.uniqueTable(purpose);
        String url = Database.POSTGRESQL.newUrl();
        this.admin = Database.POSTGRESQL.pool(url, name + "-admin", 1);
        execute("CREATE SCHEMA " + name);
        String separator = url.contains("?") ? "&" : "?";
        this.pool = Database.POSTGRESQL.pool(url + separator + "currentSchema=" + name, name, poolSize);
    }

    /** The schema's name. */
    String name() {
        return name;
    }

    /** Connections whose unqualified table names resolve in this schema. */
    HikariDataSource pool() {
        return pool;
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql.replace("${schema}", name));
        }
    }

    long count(String table) throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM " + name + "." + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            pool.close();
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } finally {
            admin.close();
        }
    }
}
