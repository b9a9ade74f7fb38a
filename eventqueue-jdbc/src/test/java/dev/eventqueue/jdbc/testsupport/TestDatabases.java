package dev.eventqueue.jdbc.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The real databases the tests run on, with one small shared pool each, and unique table names so
 * that several test runs can share the servers. Which servers: see {@link TestServers} (the local
 * ones, those named by {@code EVENT_QUEUE_TEST_POSTGRES_URL} / {@code EVENT_QUEUE_TEST_MARIADB_URL},
 * or embedded ones).
 */
public final class TestDatabases {

    private static HikariDataSource postgres;
    private static HikariDataSource mariadb;

    private TestDatabases() {}

    /** The kinds of database the tests cover. */
    public enum Kind {
        H2,
        POSTGRESQL,
        MARIADB;

        /** A data source for this kind: the shared pool, or a fresh in-memory H2 database. */
        public DataSource dataSource() {
            return switch (this) {
                case H2 -> h2();
                case POSTGRESQL -> postgres();
                case MARIADB -> mariadb();
            };
        }

        /** The server of this kind (not for H2). */
        public TestServer server() {
            return switch (this) {
                case H2 -> throw new IllegalStateException("H2 runs in memory, on no server");
                case POSTGRESQL -> TestServers.postgres();
                case MARIADB -> TestServers.mariadb();
            };
        }
    }

    public static synchronized DataSource postgres() {
        if (postgres == null) {
            postgres = pool("postgres", TestServers.postgres(), 10);
        }
        return postgres;
    }

    public static synchronized DataSource mariadb() {
        if (mariadb == null) {
            mariadb = pool("mariadb", TestServers.mariadb(), 10);
        }
        return mariadb;
    }

    /** A new pool on a test server, for tests that need connections of their own. */
    public static HikariDataSource pool(String name, TestServer server, int size) {
        return pool(name, server.url(), server.user(), server.password(), size);
    }

    /** A new pool on one database of a test server. */
    public static HikariDataSource pool(String name, String url, TestServer server, int size) {
        return pool(name, url, server.user(), server.password(), size);
    }

    /** A new pool, for tests that need connections of their own (several nodes, cut connections). */
    public static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-" + name + "-" + UUID.randomUUID().toString().substring(0, 4));
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** A new private in-memory H2 database, kept until the JVM exits. */
    public static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:eq_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** A table name no other test uses: {@code eq_jdbc_<purpose>_<random>}. */
    public static String uniqueTable(String purpose) {
        return ("eq_jdbc_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }

    /** Drops a queue table this test created, with everything the store made for it. */
    public static void drop(DataSource dataSource, String table) {
        try (JdbcEventQueueRepository repository =
                JdbcEventQueueRepository.builder(dataSource).tableName(table).build()) {
            repository.dropSchema();
        }
    }

    /** Deletes every row of a table this test created. */
    public static void clear(DataSource dataSource, String table) {
        execute(dataSource, "DELETE FROM " + table);
        execute(dataSource, "DELETE FROM " + table + "_nodes");
    }

    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run: " + sql, e);
        }
    }

    /** The single number a query returns, such as a count. */
    public static long queryLong(DataSource dataSource, String query) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run: " + query, e);
        }
    }
}
