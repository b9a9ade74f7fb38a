package dev.eventqueue.spring.tx;

import dev.eventqueue.jdbc.JdbcConnectionProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Makes the JDBC store join Spring-managed transactions: inside an active transaction its
 * statements run on the transaction's connection for this DataSource (as bound by
 * {@code DataSourceTransactionManager}, or by {@code JpaTransactionManager} with a JDBC-exposing
 * dialect), so queue entries commit or roll back with the caller's work; the wake-up and audit
 * records follow the commit. Outside a transaction the store takes its own connections and
 * manages its own transactions (workers, polling, admin calls).
 *
 * <p>The transaction must run on this same DataSource; a transaction on another resource is
 * not joined atomically.
 */
public final class SpringTransactionConnectionProvider implements JdbcConnectionProvider {

    private final DataSource dataSource;

    public SpringTransactionConnectionProvider(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Connection transactionConnection() {
        if (!AfterCommit.inTransaction()) {
            return null;
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public Connection connection() throws SQLException {
        // Straight from the pool: the store's own work must not be bound to a caller's transaction.
        return dataSource.getConnection();
    }

    @Override
    public void release(Connection connection, boolean transactional) throws SQLException {
        if (transactional) {
            DataSourceUtils.releaseConnection(connection, dataSource);
        } else {
            connection.close();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        AfterCommit.run(action);
    }
}
