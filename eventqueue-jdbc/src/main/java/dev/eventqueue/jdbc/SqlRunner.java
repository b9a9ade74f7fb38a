package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store's statements on a connection from the provider: the caller's transaction when
 * one is bound (and joining is wanted), otherwise a connection of its own. Turns every
 * {@link SQLException} into an {@link EventQueueStoreException} naming the operation, the table
 * and the database, and retries own transactions that lost a deadlock.
 */
final class SqlRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SqlRunner.class);
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");
    private static final int DEADLOCK_ATTEMPTS = 3;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcConnectionProvider connections;
    private final boolean joinCallerTransactions;
    private final String what;
    private volatile String database;
    private volatile SqlDialect dialect;

    SqlRunner(JdbcConnectionProvider connections, boolean joinCallerTransactions, String what, String database) {
        this.connections = connections;
        this.joinCallerTransactions = joinCallerTransactions;
        this.what = what;
        this.database = database;
    }

    JdbcConnectionProvider connections() {
        return connections;
    }

    /** The database as shown in messages (URL without password). */
    String database() {
        return database;
    }

    void database(String description) {
        this.database = description;
    }

    /** Once known, the dialect readies every transaction of the store's own (see {@link SqlDialect#beginOwnTransaction}). */
    void dialect(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Whether the calling thread is in a transaction the store's statements would join. */
    boolean inCallerTransaction() {
        try {
            Connection joined = connections.transactionConnection();
            if (joined == null) {
                return false;
            }
            connections.release(joined, true);
            return true;
        } catch (SQLException e) {
            throw new EventQueueStoreException(
                    "Could not tell whether a transaction is bound to this thread on " + database + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** How the runner brackets work on a connection of the store's own. */
    enum Mode {
        /** One statement that only reads: auto-commit. */
        READ,
        /** One statement that locks and changes rows: auto-commit, readied by the dialect. */
        WRITE,
        /** Several statements that must commit together. */
        TRANSACTION
    }

    /** One statement that only reads: atomic on its own, so auto-commit suffices. */
    <T> T single(String action, Work<T> work) {
        return run(action, work, Mode.READ);
    }

    /**
     * One statement that changes rows: atomic on its own, so auto-commit suffices; the dialect
     * readies it as it would a transaction ({@link SqlDialect#beforeWrite}).
     */
    <T> T write(String action, Work<T> work) {
        return run(action, work, Mode.WRITE);
    }

    /** Several statements that must commit together. */
    <T> T transaction(String action, Work<T> work) {
        return run(action, work, Mode.TRANSACTION);
    }

    private <T> T run(String action, Work<T> work, Mode mode) {
        Connection joined = null;
        if (joinCallerTransactions) {
            try {
                joined = connections.transactionConnection();
            } catch (SQLException e) {
                throw failure(action, e);
            }
        }
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw failure(action, e);
            } finally {
                releaseQuietly(joined, true);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return onOwnConnection(work, mode);
            } catch (SQLException e) {
                // A deadlock victim was rolled back as a whole, so running it again is safe.
                if (attempt < DEADLOCK_ATTEMPTS && isDeadlock(e)) {
                    LOG.debug("Retrying '{}' after a deadlock or serialization failure: {}", action, e.toString());
                    continue;
                }
                throw failure(action, e);
            }
        }
    }

    static boolean isDeadlock(SQLException e) {
        return e.getSQLState() != null && RETRYABLE_STATES.contains(e.getSQLState());
    }

    private <T> T onOwnConnection(Work<T> work, Mode mode) throws SQLException {
        Connection connection;
        try {
            connection = connections.connection();
        } catch (SQLException e) {
            throw new UnreachableDatabase(e);
        }
        try {
            return runOn(connection, work, mode);
        } finally {
            releaseQuietly(connection, false);
        }
    }

    /** A connection of the store's own from the provider; the caller gives it back with {@link #releaseOwn}. */
    Connection ownConnection() throws SQLException {
        try {
            return connections.connection();
        } catch (SQLException e) {
            throw new UnreachableDatabase(e);
        }
    }

    /** Runs {@code work} on a connection of the store's own, in a transaction of its own when asked. */
    <T> T runOn(Connection connection, Work<T> work, Mode mode) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        SqlDialect known = dialect;
        if (autoCommit && mode != Mode.TRANSACTION) {
            if (mode == Mode.WRITE && known != null) {
                known.beforeWrite(connection);
            }
            return work.run(connection);
        }
        if (autoCommit && known != null && known.beginByStatement(connection)) {
            return runBegunByStatement(connection, work);
        }
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            if (known != null) {
                known.beginOwnTransaction(connection);
            }
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (Throwable e) { // an Error too: the finally's return to auto-commit would commit half the work
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Runs {@code work} in a transaction the dialect began by a statement; ends it by one. */
    private static <T> T runBegunByStatement(Connection connection, Work<T> work) throws SQLException {
        try {
            T result = work.run(connection);
            execute(connection, "COMMIT");
            return result;
        } catch (Throwable e) { // an Error too: the pool would hand out a connection inside this transaction
            try {
                execute(connection, "ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** The first column of the first row of a query with one parameter, as a boolean; false when it returns no row. */
    static boolean queryBoolean(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Gives a connection of the store's own back to the provider. */
    void releaseOwn(Connection connection) {
        releaseQuietly(connection, false);
    }

    EventQueueStoreException failure(String action, SQLException e) {
        if (e instanceof UnreachableDatabase unreachable) {
            SQLException cause = (SQLException) unreachable.getCause();
            return new EventQueueStoreException(
                    "Cannot connect to the database at " + database + " to " + action + " (" + what + "): "
                            + cause.getMessage() + state(cause),
                    cause);
        }
        return new EventQueueStoreException(
                "Could not " + action + " (" + what + " at " + database + "): " + e.getMessage() + state(e), e);
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
    }

    private void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void releaseQuietly(Connection connection, boolean transactional) {
        try {
            connections.release(connection, transactional);
        } catch (SQLException e) {
            LOG.debug("Could not release a connection: {}", e.toString());
        }
    }

    /** Marks a failure to obtain a connection, so its message says the database could not be reached. */
    private static final class UnreachableDatabase extends SQLException {
        UnreachableDatabase(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
        }
    }
}
