package dev.eventqueue.example.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.jdbc.JdbcAuditLog;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The queue and audit trail of one database: a connection pool, the {@link JdbcEventQueueRepository}
 * and the {@link JdbcAuditLog} on it. Connection problems are reported before anything is built,
 * as a {@link StoreUnavailableException} with one line for the operator.
 */
public final class JdbcStore implements AutoCloseable {

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final JdbcEventQueueRepository queue;
    private final JdbcAuditLog auditLog;

    private JdbcStore(DatabaseSettings settings, HikariDataSource dataSource, boolean createSchema) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.queue = JdbcEventQueueRepository.builder(dataSource)
                .tableName(settings.queueTable())
                .createSchema(createSchema)
                .build();
        this.auditLog = JdbcAuditLog.builder(dataSource)
                .tableName(settings.auditTable())
                .createSchema(createSchema)
                .build();
    }

    /**
     * For the CLI: an existing database whose queue table exists; creates nothing (not even an
     * H2 file).
     */
    public static JdbcStore openExisting(DatabaseSettings settings, int maxConnections) {
        DatabaseSettings existing = settings.existingOnly();
        checkConnection(existing);
        DatabaseProbe.requireTable(existing, existing.queueTable(), "--table");
        return open(settings, existing, maxConnections, false);
    }

    /** For the demo: creates the queue and audit tables when missing (and an H2 file). */
    public static JdbcStore openCreating(DatabaseSettings settings, int maxConnections) {
        checkConnection(settings);
        return open(settings, settings, maxConnections, true);
    }

    private static JdbcStore open(
            DatabaseSettings shown, DatabaseSettings used, int maxConnections, boolean createSchema) {
        HikariDataSource pool = DataSources.pool(used, maxConnections, "eventqueue-example");
        try {
            return new JdbcStore(shown, pool, createSchema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void checkConnection(DatabaseSettings settings) {
        try (Connection connection = DatabaseProbe.connect(settings)) {
            connection.isValid(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    "cannot use " + settings.maskedUrl() + ": " + DatabaseProbe.oneLine(e.getMessage()), e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** The pool both stores use; attempts saved on it join the queue's transaction. */
    public DataSource dataSource() {
        return dataSource;
    }

    public EventQueueRepository queueRepository() {
        return queue;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public void close() {
        queue.close();
        dataSource.close();
    }
}
