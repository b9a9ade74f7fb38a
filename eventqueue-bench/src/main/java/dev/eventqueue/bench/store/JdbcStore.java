package dev.eventqueue.bench.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh, uniquely named queue table created by the repository's own schema script, dropped on
 * close. Every node has its own pool and repository, as separate processes would.
 */
public final class JdbcStore implements QueueStore {

    /** Connections per node: claim loop, completion writer, publisher, heartbeat, notification listener. */
    public static final int POOL_SIZE = 6;

    private final Database database;
    private final String url;
    private final String table;
    private final HikariDataSource admin;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<JdbcEventQueueRepository> repositories = new ArrayList<>();
    private final boolean keepCompleted;
    private final boolean vacuums;

    /** Stores not closed yet; a shutdown hook drops their tables when the benchmark is interrupted. */
    private static final java.util.Set<JdbcStore> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(JdbcStore::close), "bench-drop-tables"));
    }

    public JdbcStore(Database database, String purpose) {
        this(database, purpose, true);
    }

    /** {@code keepCompleted}: whether the nodes' completions keep their entries, as completed, or delete them. */
    public JdbcStore(Database database, String purpose, boolean keepCompleted) {
        this(database, purpose, keepCompleted, true);
    }

    /** {@code vacuums}: whether the nodes vacuum their table (PostgreSQL), as they do by default. */
    public JdbcStore(Database database, String purpose, boolean keepCompleted, boolean vacuums) {
        this.keepCompleted = keepCompleted;
        this.vacuums = vacuums;
        this.database = database;
        this.url = database.newUrl();
        this.table = Database.uniqueTable(purpose);
        this.admin = database.pool(url, table + "-admin", 4);
        OPEN.add(this);
        JdbcEventQueueRepository.builder(admin)
                .tableName(table)
                .createSchema(true)
                .notifications(false)
                .build()
                .close();
    }

    public Database database() {
        return database;
    }

    public String table() {
        return table;
    }

    /** A pool outside the nodes, for the harness's own statements. */
    public HikariDataSource admin() {
        return admin;
    }

    @Override
    public String label() {
        return database.label();
    }

    @Override
    public synchronized EventQueueRepository newNode() {
        HikariDataSource pool = database.pool(url, table + "-node" + (pools.size() + 1), POOL_SIZE);
        pools.add(pool);
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(pool)
                .tableName(table)
                .eventType(BenchEvent.TYPE, BenchEvent.class)
                .keepCompletedEntries(keepCompleted)
                .vacuumAfter(vacuums ? JdbcEventQueueRepository.Builder.DEFAULT_VACUUM_AFTER : 0)
                .build();
        repositories.add(repository);
        return repository;
    }

    @Override
    public boolean settled() {
        // Two counts, each matching a partial index on PostgreSQL, so a large completed backlog is not scanned.
        return count("pending") + count("processing") == 0;
    }

    private long count(String status) {
        // A literal, not a parameter: a generic plan could not use the partial index.
        try (Connection connection = admin.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE status = '" + status + "'")) {
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count " + status + " entries in " + table, e);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public synchronized void closeNodes() {
        repositories.forEach(JdbcEventQueueRepository::close);
        repositories.clear();
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    @Override
    public synchronized void close() {
        if (!OPEN.remove(this)) {
            return;
        }
        closeNodes();
        try {
            try (JdbcEventQueueRepository queue =
                    JdbcEventQueueRepository.builder(admin).tableName(table).build()) {
                queue.dropSchema();
            }
        } catch (RuntimeException e) {
            System.err.println("Could not drop benchmark table " + table + ": " + e);
        } finally {
            admin.close();
        }
    }
}
