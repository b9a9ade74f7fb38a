package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 12+: native uuid and timestamptz, one-statement claims, inserts and claim writes
 * bound as arrays, and LISTEN/NOTIFY wake-ups when its driver is on the classpath.
 */
final class PostgresDialect extends SqlDialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDialect.class);

    private PostgresDialect() {
        super(Dialect.POSTGRESQL);
    }

    @Override
    Claimer claimer(QueueStatements sql, EntryRows rows) {
        return new Claimer.Returning(sql, rows);
    }

    @Override
    EntryInserts inserts(EntryWriter writer, SqlRunner runner) {
        return new EntryInserts.Arrays(writer, runner);
    }

    @Override
    ClaimBatches claimBatches(QueueStatements sql, SqlRunner runner, ReservedConnection renewals) {
        return new ClaimBatches.Arrays(sql, this, runner, renewals);
    }

    @Override
    WakeUps wakeUps(TableName table, boolean notify, SqlRunner runner) {
        if (notify && !PgNotificationListener.driverPresent()) {
            LOG.info("PostgreSQL driver classes not found; dispatchers on other nodes will not be woken on publish");
        }
        return notify && PgNotificationListener.driverPresent()
                ? new WakeUps(WakeUps.channelFor(table), runner.connections(), runner.database())
                : super.wakeUps(table, notify, runner);
    }

    /** Not used: PostgreSQL inserts through arrays or COPY, which also write the entries by event. */
    @Override
    String insertEntries(String table, String columns, String row, int rows) {
        throw new UnsupportedOperationException("PostgreSQL enqueues through arrays or COPY");
    }

    @Override
    boolean keepsEntriesByEventApart() {
        return true;
    }

    /** One count per status, each read from that status's partial index (no index covers every row). */
    @Override
    String countByStatus(String table) {
        return Stream.of("pending", "processing", "failed", "completed")
                .map(status -> "SELECT '" + status + "' AS status, COUNT(*) AS entries FROM " + table
                        + " WHERE status = '" + status + "'")
                .collect(Collectors.joining(" UNION ALL "));
    }

    @Override
    void lockSchema(Connection connection, long key) throws SQLException {
        // Serializes concurrent schema creation by several nodes (CREATE ... IF NOT EXISTS can race).
        try (PreparedStatement acquire = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            acquire.setLong(1, key);
            acquire.execute();
        }
    }

    @Override
    boolean hasIndex(Connection connection, TableName table, String index) throws SQLException {
        return SqlRunner.queryBoolean(
                connection,
                "SELECT to_regclass(?) IS NOT NULL",
                table.schema() == null ? index : table.schema() + "." + index);
    }

    @Override
    String currentTimeQuery() {
        return "SELECT clock_timestamp() AS now"; // the time now, not the transaction's start
    }
}
