package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's own transactions and writes on MariaDB run at READ COMMITTED, set for each one
 * alone: the session of a pooled connection keeps its own level, and a failed transaction begun by
 * statement is rolled back with auto-commit still on.
 *
 * <p>READ COMMITTED shows in InnoDB's semi-consistent read: an update whose condition the last
 * committed version of a locked row does not meet skips that row, where REPEATABLE READ waits for
 * its lock (here at most one second, then fails).
 */
class MariaDbOwnTransactionsTest {

    /** Matches no row; the update scans them all, so it meets the row locked by the other transaction. */
    private static final String SCAN_UPDATE =
            "SET STATEMENT innodb_lock_wait_timeout = 1 FOR " + "UPDATE %s SET v = 'c' WHERE v = 'none'";

    private final DataSource dataSource = TestDatabases.mariadb();
    private final String table = TestDatabases.uniqueTable("own_trx");
    private Connection locker;
    private Connection own;
    private SqlRunner runner;

    @BeforeEach
    void setUp() throws SQLException {
        TestDatabases.execute(
                dataSource, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(8)) ENGINE = InnoDB");
        TestDatabases.execute(dataSource, "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'a'), (3, 'a')");
        locker = dataSource.getConnection();
        locker.setAutoCommit(false);
        own = dataSource.getConnection();
        own.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        runner = new SqlRunner(new OneConnection(own), false, "test table " + table, "test");
        runner.dialect(MariaDbDialect.MARIADB);
    }

    @AfterEach
    void tearDown() throws SQLException {
        locker.rollback();
        locker.close();
        own.close();
        TestDatabases.drop(dataSource, table);
    }

    @Test
    void ownWritesAndTransactionsRunAtReadCommittedAndLeaveTheSessionLevel() throws SQLException {
        lockRowTwo();

        int written = runner.write("update", connection -> update(connection));
        int inTransaction = runner.transaction("update in a transaction", connection -> update(connection));

        assertThat(written).isZero();
        assertThat(inTransaction).isZero();
        assertThat(own.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(own.getAutoCommit()).isTrue();
        // The same statement outside the store runs at the session's level, and waits for the lock.
        assertThatThrownBy(() -> update(own))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Lock wait timeout");
    }

    @Test
    void aFailedTransactionIsRolledBackAndAutoCommitStaysOn() throws SQLException {
        assertThatThrownBy(() -> runner.transaction("update, then fail", connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("UPDATE " + table + " SET v = 'b' WHERE id = 1");
                    }
                    throw new IllegalStateException("failed after the update");
                }))
                .hasMessage("failed after the update");

        assertThat(own.getAutoCommit()).isTrue();
        assertThat(queryInt(own, "SELECT @@in_transaction")).isZero();
        assertThat(queryInt(own, "SELECT COUNT(*) FROM " + table + " WHERE v = 'b'"))
                .isZero();
    }

    @Test
    void anErrorInATransactionRollsItBackToo() throws SQLException {
        assertThatThrownBy(() -> runner.transaction("update, then fail", connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("UPDATE " + table + " SET v = 'b' WHERE id = 1");
                    }
                    throw new OutOfMemoryError("injected by the test");
                }))
                .isInstanceOf(OutOfMemoryError.class);

        assertThat(queryInt(own, "SELECT @@in_transaction")).isZero();
        assertThat(queryInt(own, "SELECT COUNT(*) FROM " + table + " WHERE v = 'b'"))
                .isZero();
    }

    @Test
    void anErrorInATransactionOnAConnectionOutsideAutoCommitRollsItBack() throws SQLException {
        own.setAutoCommit(false);
        own.commit();
        assertThatThrownBy(() -> runner.runOn(
                        own,
                        connection -> {
                            try (Statement statement = connection.createStatement()) {
                                statement.executeUpdate("UPDATE " + table + " SET v = 'b' WHERE id = 1");
                            }
                            throw new OutOfMemoryError("injected by the test");
                        },
                        SqlRunner.Mode.TRANSACTION))
                .isInstanceOf(OutOfMemoryError.class);
        own.setAutoCommit(true);

        assertThat(queryInt(own, "SELECT COUNT(*) FROM " + table + " WHERE v = 'b'"))
                .isZero();
    }

    @Test
    void aCommittedTransactionIsVisibleToOthers() throws SQLException {
        runner.transaction("update", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE " + table + " SET v = 'b' WHERE id = 3");
            }
        });

        try (Connection other = dataSource.getConnection()) {
            assertThat(queryInt(other, "SELECT COUNT(*) FROM " + table + " WHERE v = 'b'"))
                    .isEqualTo(1);
        }
        assertThat(queryInt(own, "SELECT @@in_transaction")).isZero();
    }

    /** Another transaction holds row 2, changed but not committed; its committed version still has v = 'a'. */
    private void lockRowTwo() throws SQLException {
        try (Statement statement = locker.createStatement()) {
            statement.executeUpdate("UPDATE " + table + " SET v = 'b' WHERE id = 2");
        }
    }

    private int update(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(SCAN_UPDATE.formatted(table));
        }
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Always the same connection, kept open: the test then looks at its session. */
    private record OneConnection(Connection connection) implements JdbcConnectionProvider {

        @Override
        public Connection transactionConnection() {
            return null;
        }

        @Override
        public void release(Connection released, boolean transactional) {}

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    }
}
