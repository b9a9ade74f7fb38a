package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * MariaDB 10.6+ and MySQL 8.0.1+ (SKIP LOCKED): UUIDs as CHAR(36), DATETIME(6) in UTC, READ
 * COMMITTED, a locking select and an update per claim, multi-row inserts.
 */
final class MariaDbDialect extends SqlDialect {

    static final MariaDbDialect MARIADB = new MariaDbDialect(Dialect.MARIADB);
    static final MariaDbDialect MYSQL = new MariaDbDialect(Dialect.MYSQL);

    /** Rows per insert statement: the driver reports no per-row counts for batches. */
    private static final int ROWS_PER_INSERT = 500;

    /**
     * InnoDB's default REPEATABLE READ takes gap locks on every locking read, which makes the
     * claim, the heartbeat and enqueues of several nodes deadlock on the same index ranges. Set for
     * the next transaction only, the session keeps its level and the pool has nothing to reset
     * (setTransactionIsolation would cost a read of the level, the change and the pool's reset on
     * return: three round trips on servers before MariaDB 11.1.1). Single writes in auto-commit need
     * it as much: at REPEATABLE READ a completion can deadlock with a claim.
     */
    private static final String READ_COMMITTED_NEXT = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

    private static final String INDEX_EXISTS = """
            SELECT 1 FROM information_schema.statistics
             WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? AND index_name = ?
             LIMIT 1""";

    private MariaDbDialect(Dialect dialect) {
        super(dialect);
    }

    @Override
    Claimer claimer(QueueStatements sql, EntryRows rows) {
        return new Claimer.LockThenUpdate(sql, rows);
    }

    @Override
    EntryInserts inserts(EntryWriter writer, SqlRunner runner) {
        return new EntryInserts.Rows(writer, runner, ROWS_PER_INSERT);
    }

    @Override
    ClaimBatches claimBatches(QueueStatements sql, SqlRunner runner, ReservedConnection renewals) {
        return new ClaimBatches.Pairs(sql, this, runner, renewals);
    }

    @Override
    boolean claimsByComputedColumns() {
        return true;
    }

    @Override
    void beginOwnTransaction(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(READ_COMMITTED_NEXT);
        }
    }

    /** In auto-commit the setting applies to the write's own implicit transaction. */
    @Override
    void beforeWrite(Connection connection) throws SQLException {
        beginOwnTransaction(connection);
    }

    @Override
    boolean beginByStatement(Connection connection) throws SQLException {
        // Sent as one batch, which MariaDB Connector/J pipelines: one round trip for both.
        try (Statement statement = connection.createStatement()) {
            statement.addBatch(READ_COMMITTED_NEXT);
            statement.addBatch("START TRANSACTION");
            statement.executeBatch();
        }
        return true;
    }

    @Override
    void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        statement.setString(index, value == null ? null : value.toString());
    }

    @Override
    UUID getUuid(ResultSet rows, int column) throws SQLException {
        String text = rows.getString(column);
        return text == null ? null : UUID.fromString(text);
    }

    /**
     * As the text the driver would send for a {@code LocalDateTime}, written without a formatter;
     * a year outside a DATETIME's range goes to the driver as before, which reports it.
     */
    @Override
    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setObject(index, null);
            return;
        }
        String literal = DateTimeLiteral.of(value);
        if (literal != null) {
            statement.setString(index, literal);
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    @Override
    Instant getInstant(ResultSet rows, int column) throws SQLException {
        LocalDateTime utc = rows.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    @Override
    String insertEntries(String table, String columns, String row, int rows) {
        // IGNORE skips duplicate (event_id, handler_name) rows. It would also turn over-long values
        // into warnings, which is why the writer checks every length before it gets here.
        StringBuilder values = new StringBuilder(row.length() * rows + rows * 2);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                values.append(", ");
            }
            values.append(row);
        }
        return "INSERT IGNORE INTO " + table + " (" + columns + ") VALUES " + values;
    }

    @Override
    boolean hasIndex(Connection connection, TableName table, String index) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(INDEX_EXISTS)) {
            select.setString(1, table.schema());
            select.setString(2, table.name());
            select.setString(3, index);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    String currentTimeQuery() {
        return "SELECT UTC_TIMESTAMP(6) AS now"; // stored times are UTC DATETIMEs
    }
}
