package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The default {@link JdbcConnectionProvider}: connections from a {@link DataSource}, joining the
 * transactions that {@link JdbcTransactions} binds to the calling thread for the same data source.
 */
public final class DataSourceConnectionProvider implements JdbcConnectionProvider {

    private final DataSource dataSource;

    public DataSourceConnectionProvider(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection transactionConnection() {
        return JdbcTransactions.currentConnection(dataSource).orElse(null);
    }

    @Override
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void release(Connection connection, boolean transactional) throws SQLException {
        if (!transactional) {
            connection.close();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        JdbcTransactions.afterCommit(dataSource, action);
    }
}
