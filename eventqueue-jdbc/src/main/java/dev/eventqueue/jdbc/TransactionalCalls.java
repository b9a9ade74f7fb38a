package dev.eventqueue.jdbc;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.TransactionalCompletion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TransactionalEventHandler}'s call and its entry's completion in one transaction
 * on the store's {@code DataSource}. The transaction is bound to the thread through
 * {@link JdbcTransactions}, so that the handler's own {@code inTransaction} calls and its
 * publishes join it.
 */
final class TransactionalCalls {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalCalls.class);
    private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();

    private final DataSource dataSource;
    private final QueueStatements sql;
    private final SqlDialect dialect;

    TransactionalCalls(DataSource dataSource, QueueStatements sql, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.dialect = dialect;
    }

    /** The connection of the call running on this thread. */
    static Connection currentConnection(String handlerName) {
        Connection connection = CURRENT.get();
        if (connection == null) {
            throw new IllegalStateException("Handler " + handlerName + " is a TransactionalEventHandler, which only "
                    + "a JdbcEventQueueRepository built on a DataSource can run; this dispatcher's store cannot");
        }
        return connection;
    }

    boolean callAndComplete(ClaimRef claim, Instant now, TransactionalCompletion.Call call) throws Exception {
        Connection connection = dataSource.getConnection();
        boolean restoreAutoCommit = false;
        BoundTransaction transaction = null;
        try {
            restoreAutoCommit = connection.getAutoCommit();
            if (restoreAutoCommit) {
                connection.setAutoCommit(false);
            }
            transaction = JdbcTransactions.bind(dataSource, connection);
            CURRENT.set(connection);
            try {
                call.run();
            } finally {
                CURRENT.remove();
            }
            if (complete(connection, claim, now)) {
                transaction.commit();
                return true;
            }
            transaction.rollback();
            return false;
        } catch (Exception | Error e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            if (transaction != null) {
                transaction.close();
            }
            try {
                if (restoreAutoCommit) {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                LOG.debug("Could not restore auto-commit: {}", e.toString());
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Could not close a connection: {}", e.toString());
            }
        }
    }

    /** The fenced completion, on the call's connection: whether this claim still held the entry. */
    private boolean complete(Connection connection, ClaimRef claim, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql.complete(1))) {
            int index = ClaimBatches.bindTime(dialect, update, sql.completionTime(now));
            dialect.setUuid(update, index++, claim.entryId());
            update.setLong(index, claim.claimToken());
            return update.executeUpdate() == 1;
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
