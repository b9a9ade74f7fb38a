package dev.eventqueue.jdbc.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the JDBC store supports. Applications pick a constant to skip detection; the
 * store keeps what differs between them (how values are bound, how a claim locks rows, how an
 * enqueue skips duplicates, how other nodes are woken) to itself, and takes from a dialect only
 * which schema scripts apply.
 */
public enum Dialect {

    /** PostgreSQL 12+: native uuid, timestamptz, one-statement claims, LISTEN/NOTIFY wake-ups. */
    POSTGRESQL("postgresql", "postgresql"),

    /** MariaDB 10.6+ (SKIP LOCKED): UUIDs as CHAR(36), DATETIME(6) in UTC, READ COMMITTED. */
    MARIADB("mariadb", "mariadb"),

    /** MySQL 8.0+: the MariaDB mapping; SKIP LOCKED exists since 8.0.1. */
    MYSQL("mysql", "mariadb"),

    /**
     * H2 2.x, embedded: native UUID, TIMESTAMP WITH TIME ZONE. H2 2.4 accepts SKIP LOCKED but
     * skips unlocked rows too, so claims use a plain FOR UPDATE, which waits for a concurrent
     * claim to commit and then re-checks the rows; fine for the single-process database it is.
     */
    H2("h2", "h2");

    private final String id;
    /** The schema scripts' name: MySQL shares MariaDB's. */
    private final String schemaName;

    Dialect(String id, String schemaName) {
        this.id = id;
        this.schemaName = schemaName;
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

    /** Short lower-case name, also the schema script's file name. */
    public String id() {
        return id;
    }

    /** The current version of the schema scripts. */
    public static final int SCHEMA_VERSION = 2;

    private static final String SCHEMA_PATH = "dev/eventqueue/jdbc/schema/v" + SCHEMA_VERSION + "/";

    /** Classpath location of the queue table's DDL (placeholders {@code ${table}} and {@code ${name}}). */
    public String queueSchemaResource() {
        return SCHEMA_PATH + schemaName + ".sql";
    }

    /** Classpath location of the script that upgrades a queue table of the previous version. */
    public String queueUpgradeResource() {
        return SCHEMA_PATH + id + "-upgrade-v" + (SCHEMA_VERSION - 1) + ".sql";
    }

    /** Classpath location of the audit table's DDL (same placeholders). */
    public String auditSchemaResource() {
        return SCHEMA_PATH + schemaName + "-audit.sql";
    }
}
