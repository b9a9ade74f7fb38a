package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the JDBC store gets its connections, and how it joins the caller's transaction. The
 * default, {@link DataSourceConnectionProvider}, takes connections from a {@code DataSource}
 * and joins transactions opened with {@link JdbcTransactions}; a framework integration (the
 * Spring Boot starter) supplies one that joins the framework's transactions instead.
 *
 * <p>Contract: implementations are thread-safe. {@link #transactionConnection()} is asked first
 * for every operation; when it returns a connection, the store runs its statements on it and
 * neither commits, rolls back nor closes it, and later hands it back with
 * {@code release(connection, true)}. Otherwise the store takes a {@link #connection()}, manages
 * the transaction on it itself, and hands it back with {@code release(connection, false)}.
 */
public interface JdbcConnectionProvider {

    /**
     * The connection of the transaction the calling thread is in, which the store's statements
     * must join; {@code null} when the thread is in none.
     */
    Connection transactionConnection() throws SQLException;

    /** A connection for a unit of work of the store's own, which it will commit itself. */
    Connection connection() throws SQLException;

    /**
     * Gives back a connection obtained from this provider.
     *
     * @param transactional whether it came from {@link #transactionConnection()}
     */
    void release(Connection connection, boolean transactional) throws SQLException;

    /**
     * Runs {@code action} once the calling thread's transaction has committed, on the committing
     * thread; never when it rolls back. Runs it at once when the thread is in no transaction.
     */
    void afterCommit(Runnable action);
}
