package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions for plain JDBC code that publishes events: a connection bound to the calling
 * thread, which the JDBC event queue (built with {@link DataSourceConnectionProvider}, the
 * default, on the same {@code DataSource} instance) joins. The aggregate's change and its queue
 * entries then commit or roll back together, and the dispatcher's wake-up and audit records
 * follow only the commit.
 *
 * <pre>{@code
 * JdbcTransactions.inTransaction(dataSource, connection -> {
 *     attemptRepo.save(connection, attempt);                        // your SQL
 *     attempt.publishAndClearDomainEvents(dispatcher, credentials); // joins this transaction
 * });
 * }</pre>
 *
 * <p>Code that manages its own connection binds it instead, and commits through the binding so
 * that the after-commit actions run:
 * <pre>{@code
 * try (BoundTransaction tx = JdbcTransactions.bind(dataSource, connection)) {
 *     ...; dispatcher.publish(event, credentials);
 *     tx.commit();
 * }
 * }</pre>
 *
 * <p>Bindings are per thread and per {@code DataSource} instance; a nested
 * {@code inTransaction} on the same data source joins the outer transaction.
 */
public final class JdbcTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);
    private static final ThreadLocal<Map<DataSource, BoundTransaction>> BOUND = new ThreadLocal<>();

    private JdbcTransactions() {}

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /** Work on a connection inside a transaction, with a result. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction on a connection from {@code dataSource}, bound to this
     * thread: commits when it returns, rolls back when it throws (and rethrows), then runs the
     * after-commit actions registered meanwhile. Joins the thread's transaction on the same data
     * source when there is one (no commit here; the outer one decides).
     */
    public static void inTransaction(DataSource dataSource, SqlWork work) throws SQLException {
        Objects.requireNonNull(work, "work");
        callInTransaction(dataSource, connection -> {
            work.run(connection);
            return null;
        });
    }

    /** As {@link #inTransaction}, returning the work's result. */
    public static <T> T callInTransaction(DataSource dataSource, SqlFunction<T> work) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(work, "work");
        BoundTransaction outer = bound(dataSource);
        if (outer != null) {
            return work.apply(outer.connection());
        }
        Connection connection = dataSource.getConnection();
        boolean restoreAutoCommit;
        try {
            restoreAutoCommit = connection.getAutoCommit();
            if (restoreAutoCommit) {
                connection.setAutoCommit(false);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        T result;
        BoundTransaction transaction = bind(dataSource, connection);
        try {
            result = work.apply(connection);
            connection.commit();
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            transaction.unbind();
            try {
                if (restoreAutoCommit) {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                LOG.debug("Could not restore auto-commit: {}", e.toString());
            }
            closeQuietly(connection);
        }
        transaction.runAfterCommitActions();
        return result;
    }

    /**
     * Binds a connection the caller manages (with auto-commit off) to this thread for
     * {@code dataSource}, so that the event queue joins its transaction. Commit through
     * {@link BoundTransaction#commit()} so the after-commit actions run; closing the binding
     * unbinds it (it never closes the connection).
     *
     * @throws IllegalStateException when this thread already has a transaction bound for the data source
     */
    public static BoundTransaction bind(DataSource dataSource, Connection connection) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(connection, "connection");
        Map<DataSource, BoundTransaction> bindings = BOUND.get();
        if (bindings == null) {
            bindings = new IdentityHashMap<>(2);
            BOUND.set(bindings);
        }
        if (bindings.containsKey(dataSource)) {
            throw new IllegalStateException("This thread already has a transaction bound for this DataSource");
        }
        BoundTransaction transaction = new BoundTransaction(dataSource, connection);
        bindings.put(dataSource, transaction);
        return transaction;
    }

    /** The connection of the transaction bound to this thread for {@code dataSource}, if any. */
    public static Optional<Connection> currentConnection(DataSource dataSource) {
        BoundTransaction transaction = bound(dataSource);
        return transaction == null ? Optional.empty() : Optional.of(transaction.connection());
    }

    /**
     * Runs {@code action} after the transaction bound to this thread for {@code dataSource}
     * commits, or at once when none is bound.
     */
    public static void afterCommit(DataSource dataSource, Runnable action) {
        Objects.requireNonNull(action, "action");
        BoundTransaction transaction = bound(dataSource);
        if (transaction == null) {
            action.run();
        } else {
            transaction.addAfterCommitAction(action);
        }
    }

    static void unbind(DataSource dataSource, BoundTransaction transaction) {
        Map<DataSource, BoundTransaction> bindings = BOUND.get();
        if (bindings != null && bindings.get(dataSource) == transaction) {
            bindings.remove(dataSource);
            if (bindings.isEmpty()) {
                BOUND.remove();
            }
        }
    }

    private static BoundTransaction bound(DataSource dataSource) {
        Map<DataSource, BoundTransaction> bindings = BOUND.get();
        return bindings == null ? null : bindings.get(dataSource);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Could not close connection: {}", e.toString());
        }
    }
}
