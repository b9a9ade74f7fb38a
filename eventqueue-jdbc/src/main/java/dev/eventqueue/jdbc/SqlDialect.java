package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What the store does differently on each database, behind the public {@link Dialect} a user
 * picks: how values are bound and read, and the strategies that claim, insert, write claims and
 * wake other nodes. Each database overrides only what differs; nothing here is public.
 *
 * <p>Instants are always stored in UTC and truncated to microseconds (the precision all four
 * databases keep), so they round-trip exactly whatever the JVM's or the session's time zone.
 */
abstract class SqlDialect {

    private final Dialect dialect;

    SqlDialect(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The store's side of a dialect a user picked or the database reported. */
    static SqlDialect of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> PostgresDialect.INSTANCE;
            case MARIADB -> MariaDbDialect.MARIADB;
            case MYSQL -> MariaDbDialect.MYSQL;
            case H2 -> H2Dialect.INSTANCE;
        };
    }

    Dialect dialect() {
        return dialect;
    }

    /** How this database claims a batch of due entries. */
    abstract Claimer claimer(QueueStatements sql, EntryRows rows);

    /** How this database writes the entries of a publish. */
    abstract EntryInserts inserts(EntryWriter writer, SqlRunner runner);

    /** How this database writes about many claims at once: completion, release and lease renewal. */
    abstract ClaimBatches claimBatches(QueueStatements sql, SqlRunner runner, ReservedConnection renewals);

    /**
     * The wake-ups of a store on {@code table}: local only by default; {@code notify} asks for
     * wake-ups of the other nodes as well, where the database can send them.
     */
    WakeUps wakeUps(TableName table, boolean notify, SqlRunner runner) {
        return new WakeUps(null, runner.connections(), runner.database());
    }

    /**
     * An insert of {@code rows} rows (each {@code row}, a parenthesized list of values and
     * placeholders for {@code columns}) that silently skips rows whose {@code (event_id, handler_name)}
     * exists, and whose update count is the number of rows inserted.
     */
    abstract String insertEntries(String table, String columns, String row, int rows);

    /** A query returning rows of {@code status} and {@code entries}: how many entries have each status. */
    String countByStatus(String table) {
        return "SELECT status, COUNT(*) AS entries FROM " + table + " GROUP BY status";
    }

    /**
     * Readies a transaction of the store's own on {@code connection}, before its first statement.
     * The default does nothing.
     */
    void beginOwnTransaction(Connection connection) throws SQLException {}

    /**
     * Readies {@code connection}, in auto-commit, for one statement of the store's own that locks
     * and changes rows. The default does nothing.
     */
    void beforeWrite(Connection connection) throws SQLException {}

    /**
     * Begins a transaction of the store's own on {@code connection}, which is in auto-commit, by
     * statements, and returns {@code true}: the runner then ends it by a {@code COMMIT} or
     * {@code ROLLBACK} statement and never switches auto-commit, which saves the two round trips
     * of the switch. The default returns {@code false}: the runner turns auto-commit off instead.
     */
    boolean beginByStatement(Connection connection) throws SQLException {
        return false;
    }

    /**
     * Serializes schema creation by several nodes in the transaction of {@code connection}, keyed by
     * {@code key}, where the database needs it. The default does nothing.
     */
    void lockSchema(Connection connection, long key) throws SQLException {}

    /**
     * Whether the table has an index of that name. Only dialects that ship an index upgrade
     * ({@link SchemaScripts#queueIndexUpgrades}) are asked.
     */
    boolean hasIndex(Connection connection, TableName table, String index) throws SQLException {
        throw new UnsupportedOperationException(dialect + " does not look up indexes");
    }

    /** A query returning the database's current time as one column {@code now}, read with {@link #getInstant}. */
    String currentTimeQuery() {
        return "SELECT CURRENT_TIMESTAMP(6) AS now";
    }

    /**
     * Whether the queue table's claim and order indexes are on the computed columns
     * {@code pending_background} and {@code unfinished_ordering_key}, which claims then name.
     */
    boolean claimsByComputedColumns() {
        return false;
    }

    /**
     * Whether one entry per event and handler is kept by the table {@code <queue>_by_event} (written
     * at publish, cleared by a trigger on delete) rather than by a unique index of the queue table;
     * lookups by event then go through it.
     */
    boolean keepsEntriesByEventApart() {
        return false;
    }

    /** The locking clause of claim selects: other claimers skip locked rows where the database can. */
    String lockRows() {
        return "FOR UPDATE SKIP LOCKED";
    }

    void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    UUID getUuid(ResultSet rows, String column) throws SQLException {
        return getUuid(rows, rows.findColumn(column));
    }

    /** By position: a caller reading many rows resolves each column once, not once per row. */
    UUID getUuid(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    Instant getInstant(ResultSet rows, String column) throws SQLException {
        return getInstant(rows, rows.findColumn(column));
    }

    Instant getInstant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public String toString() {
        return dialect.id();
    }
}
