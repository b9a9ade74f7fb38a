package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller-managed connection bound to the current thread by {@link JdbcTransactions#bind}.
 * Not thread-safe: use it on the thread that bound it. Actions registered through
 * {@link JdbcTransactions#afterCommit} run after {@link #commit()}; {@link #rollback()} and
 * {@link #close()} discard them.
 */
public final class BoundTransaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoundTransaction.class);

    private final DataSource dataSource;
    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();

    BoundTransaction(DataSource dataSource, Connection connection) {
        this.dataSource = dataSource;
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /** Commits the connection, then runs the actions registered since the last commit or rollback. */
    public void commit() throws SQLException {
        connection.commit();
        runAfterCommitActions();
    }

    /** Rolls the connection back and drops the registered actions. */
    public void rollback() throws SQLException {
        afterCommit.clear();
        connection.rollback();
    }

    /** Unbinds from the thread; actions of an uncommitted transaction are dropped. Never closes the connection. */
    @Override
    public void close() {
        if (!afterCommit.isEmpty()) {
            LOG.debug("Transaction unbound without commit; dropping {} after-commit action(s)", afterCommit.size());
            afterCommit.clear();
        }
        unbind();
    }

    void unbind() {
        JdbcTransactions.unbind(dataSource, this);
    }

    void addAfterCommitAction(Runnable action) {
        afterCommit.add(action);
    }

    void runAfterCommitActions() {
        List<Runnable> actions = List.copyOf(afterCommit);
        afterCommit.clear();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // The transaction is committed; a failing follow-up (wake-up, audit) must not undo that.
                LOG.warn("An after-commit action failed: {}", e.toString());
            }
        }
    }
}
