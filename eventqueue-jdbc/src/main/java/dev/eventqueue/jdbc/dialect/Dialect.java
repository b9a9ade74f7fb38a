package dev.eventqueue.jdbc.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases the JDBC store supports, each overriding only what differs from the others:
 * how UUIDs and instants are bound and read, how a claim locks rows, how an enqueue skips
 * duplicates, and which schema script applies.
 *
 * <p>Applications only pick a constant (to skip detection); the methods are the store's, public
 * because the store's packages use them.
 *
 * <p>Instants are always stored in UTC and truncated to microseconds (the precision all four
 * databases keep), so they round-trip exactly whatever the JVM's or the session's time zone.
 */
public enum Dialect {

    /** PostgreSQL 12+: native uuid, timestamptz, one-statement claims, LISTEN/NOTIFY wake-ups. */
    POSTGRESQL("postgresql") {
        @Override
        public String insertEntries(String table, String columns, String row, int rows) {
            return "INSERT INTO " + table + " (" + columns + ") VALUES " + row
                    + " ON CONFLICT (event_id, handler_name) DO NOTHING";
        }

        @Override
        public boolean claimsInOneStatement() {
            return true;
        }

        @Override
        public boolean bindsArrays() {
            return true;
        }

        @Override
        public boolean supportsNotifications() {
            return true;
        }

        @Override
        public String schemaLock() {
            // Serializes concurrent schema creation by several nodes (CREATE ... IF NOT EXISTS can race).
            return "SELECT pg_advisory_xact_lock(?)";
        }

        @Override
        public String currentTimeQuery() {
            return "SELECT clock_timestamp() AS now"; // the time now, not the transaction's start
        }
    },

    /** MariaDB 10.6+ (SKIP LOCKED): UUIDs as CHAR(36), DATETIME(6) in UTC, READ COMMITTED. */
    MARIADB("mariadb") {
        @Override
        public void prepareConnection(Connection connection) throws SQLException {
            // InnoDB's default REPEATABLE READ takes gap locks on every locking read, which makes the
            // claim, the heartbeat and enqueues of several nodes deadlock on the same index ranges.
            if (connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }

        @Override
        public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
            statement.setString(index, value == null ? null : value.toString());
        }

        @Override
        public UUID getUuid(ResultSet rows, String column) throws SQLException {
            String text = rows.getString(column);
            return text == null ? null : UUID.fromString(text);
        }

        @Override
        public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
            statement.setObject(
                    index,
                    value == null
                            ? null
                            : LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }

        @Override
        public Instant getInstant(ResultSet rows, String column) throws SQLException {
            LocalDateTime utc = rows.getObject(column, LocalDateTime.class);
            return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
        }

        @Override
        public String insertEntries(String table, String columns, String row, int rows) {
            // IGNORE skips duplicate (event_id, handler_name) rows. It would also turn over-long values
            // into warnings, which is why the writer checks every length before it gets here.
            return "INSERT IGNORE INTO " + table + " (" + columns + ") VALUES " + repeat(row, rows);
        }

        @Override
        public int maxRowsPerInsert() {
            // The driver reports no per-row counts for batches, so rows go in one multi-row statement.
            return 500;
        }

        @Override
        public String currentTimeQuery() {
            return "SELECT UTC_TIMESTAMP(6) AS now"; // stored times are UTC DATETIMEs
        }
    },

    /** MySQL 8.0+: the MariaDB mapping; SKIP LOCKED exists since 8.0.1. */
    MYSQL("mysql") {
        @Override
        String schemaName() {
            return MARIADB.schemaName();
        }

        @Override
        public String currentTimeQuery() {
            return MARIADB.currentTimeQuery();
        }

        @Override
        public void prepareConnection(Connection connection) throws SQLException {
            MARIADB.prepareConnection(connection);
        }

        @Override
        public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
            MARIADB.setUuid(statement, index, value);
        }

        @Override
        public UUID getUuid(ResultSet rows, String column) throws SQLException {
            return MARIADB.getUuid(rows, column);
        }

        @Override
        public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
            MARIADB.setInstant(statement, index, value);
        }

        @Override
        public Instant getInstant(ResultSet rows, String column) throws SQLException {
            return MARIADB.getInstant(rows, column);
        }

        @Override
        public String insertEntries(String table, String columns, String row, int rows) {
            return MARIADB.insertEntries(table, columns, row, rows);
        }

        @Override
        public int maxRowsPerInsert() {
            return MARIADB.maxRowsPerInsert();
        }
    },

    /**
     * H2 2.x, embedded: native UUID, TIMESTAMP WITH TIME ZONE. H2 2.4 accepts SKIP LOCKED but
     * skips unlocked rows too, so claims use a plain FOR UPDATE, which waits for a concurrent
     * claim to commit and then re-checks the rows; fine for the single-process database it is.
     */
    H2("h2") {
        @Override
        public String insertEntries(String table, String columns, String row, int rows) {
            // One row per statement (sent as a batch); each value cast to its column's type.
            return "MERGE INTO " + table + " AS t USING (VALUES " + H2ValueTypes.typedRow(columns) + ") AS s ("
                    + columns + ")"
                    + " ON t.event_id = s.event_id AND t.handler_name = s.handler_name"
                    + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (s."
                    + columns.replace(", ", ", s.") + ")";
        }

        @Override
        public String lockRows() {
            return "FOR UPDATE";
        }
    };

    private final String id;

    Dialect(String id) {
        this.id = id;
    }

    /**
     * The dialect of a database product as {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
     * names it.
     *
     * @throws IllegalArgumentException for a database the JDBC store does not support
     */
    public static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb")) {
            return MARIADB;
        }
        if (name.contains("mysql")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("Unsupported database '" + productName + "': the JDBC event queue "
                + "supports PostgreSQL, MariaDB, MySQL and H2; set the dialect explicitly if yours is compatible");
    }

    /** The dialect of the database a connection is open to. */
    public static Dialect detect(Connection connection) throws SQLException {
        return fromProductName(connection.getMetaData().getDatabaseProductName());
    }

    /**
     * Readies a connection the store took for work of its own, before its first statement. The
     * default does nothing.
     */
    public void prepareConnection(Connection connection) throws SQLException {}

    /** Short lower-case name, also the schema script's file name. */
    public String id() {
        return id;
    }

    /** The current version of the schema scripts. */
    public static final int SCHEMA_VERSION = 2;

    private static final String SCHEMA_PATH = "dev/eventqueue/jdbc/schema/v" + SCHEMA_VERSION + "/";

    /** The schema scripts' name: MySQL shares MariaDB's. */
    String schemaName() {
        return id;
    }

    /** Classpath location of the queue table's DDL (placeholders {@code ${table}} and {@code ${name}}). */
    public String queueSchemaResource() {
        return SCHEMA_PATH + schemaName() + ".sql";
    }

    /** Classpath location of the script that upgrades a queue table of the previous version. */
    public String queueUpgradeResource() {
        return SCHEMA_PATH + id + "-upgrade-v" + (SCHEMA_VERSION - 1) + ".sql";
    }

    /** Classpath location of the audit table's DDL (same placeholders). */
    public String auditSchemaResource() {
        return SCHEMA_PATH + schemaName() + "-audit.sql";
    }

    /** A query returning the database's current time as one column {@code now}, read with {@link #getInstant}. */
    public String currentTimeQuery() {
        return "SELECT CURRENT_TIMESTAMP(6) AS now";
    }

    public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    public UUID getUuid(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    public Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * An insert of {@code rows} rows (each {@code row}, a parenthesized list of values and
     * placeholders for {@code columns}) that silently skips rows whose {@code (event_id, handler_name)}
     * exists, and whose update count is the number of rows inserted.
     */
    public abstract String insertEntries(String table, String columns, String row, int rows);

    /** Rows per insert statement; 1 means one statement per row, sent as a JDBC batch. */
    public int maxRowsPerInsert() {
        return 1;
    }

    /** The locking clause of claim selects: other claimers skip locked rows where the database can. */
    public String lockRows() {
        return "FOR UPDATE SKIP LOCKED";
    }

    /** Whether a claim is one UPDATE ... RETURNING statement, rather than a locking select and an update. */
    public boolean claimsInOneStatement() {
        return false;
    }

    /**
     * Whether inserts and id lists are bound as SQL arrays ({@code unnest(?)}, {@code = ANY(?)}): one
     * statement text whatever the size, parsed once per connection, instead of one per list length.
     */
    public boolean bindsArrays() {
        return false;
    }

    /** Whether publishes can wake other nodes through the database (LISTEN/NOTIFY). */
    public boolean supportsNotifications() {
        return false;
    }

    /** A statement taking one bigint key that serializes schema creation in its transaction, or {@code null}. */
    public String schemaLock() {
        return null;
    }

    static String repeat(String row, int rows) {
        StringBuilder values = new StringBuilder(row.length() * rows + rows * 2);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                values.append(", ");
            }
            values.append(row);
        }
        return values.toString();
    }
}
