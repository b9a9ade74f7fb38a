package dev.eventqueue.bench.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases the benchmark runs on. URLs and users default to the local servers and can be
 * changed with {@code -Dbench.postgres.url=...}, {@code -Dbench.mariadb.url=...} (and {@code .user},
 * {@code .password}). H2 runs embedded in memory, one private database per store.
 */
public enum Database {
    POSTGRESQL("PostgreSQL", "postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("MariaDB", "mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root"),
    H2("H2", "h2", null, "sa");

    private final String label;
    private final String key;
    private final String defaultUrl;
    private final String defaultUser;

    Database(String label, String key, String defaultUrl, String defaultUser) {
        this.label = label;
        this.key = key;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
    }

    public String label() {
        return label;
    }

    /** The name used on the command line ({@code --databases postgres,mariadb,h2}). */
    public String key() {
        return key;
    }

    public static Database fromKey(String key) {
        for (Database database : values()) {
            if (database.key.equalsIgnoreCase(key) || database.name().equalsIgnoreCase(key)) {
                return database;
            }
        }
        throw new IllegalArgumentException("Unknown database '" + key + "'; use postgres, mariadb or h2");
    }

    /** A URL for a new store: the server's, or a fresh private in-memory H2 database. */
    public String newUrl() {
        if (this == H2) {
            return "jdbc:h2:mem:bench_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        }
        return System.getProperty("bench." + key + ".url", defaultUrl);
    }

    public HikariDataSource pool(String url, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-" + name);
        config.setJdbcUrl(url);
        config.setUsername(System.getProperty("bench." + key + ".user", defaultUser));
        config.setPassword(System.getProperty("bench." + key + ".password", ""));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Product and version as the server reports them, or why it cannot be reached. */
    public String probeVersion() {
        try (HikariDataSource pool = pool(newUrl(), "probe-" + key, 1);
                Connection connection = pool.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** A table name no other run uses. */
    public static String uniqueTable(String purpose) {
        return ("eq_bench_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }
}
