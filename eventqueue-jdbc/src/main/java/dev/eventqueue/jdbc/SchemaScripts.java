package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DDL of the queue and audit tables, for Flyway, Liquibase or a DBA: the scripts shipped in
 * this jar under {@code dev/eventqueue/jdbc/schema/v2/} ({@code postgresql.sql}, {@code mariadb.sql}
 * (MariaDB and MySQL), {@code h2.sql}, {@code <dialect>-audit.sql}, {@code <dialect>-upgrade-v1.sql}
 * for tables created with version 1, and, for tables of version 2 made by earlier builds,
 * {@code mariadb-indexes.sql} and {@code mariadb-claim-indexes.sql} (MariaDB and MySQL) and
 * {@code postgresql-by-event.sql}, and {@code <dialect>-drop.sql}, which removes a queue table and
 * what belongs to it) with the table name filled in. The create scripts are idempotent ({@code IF
 * NOT EXISTS}), and so are the drop scripts ({@code IF EXISTS}).
 */
public final class SchemaScripts {

    /** Indexes earlier builds made, by the suffix of their name and of their upgrade script, oldest first. */
    private static final List<RetiredIndex> RETIRED_INDEXES = List.of(
            new RetiredIndex("_owner_ix", "-indexes.sql"),
            new RetiredIndex("_claim_ix", "-claim-indexes.sql"),
            new RetiredIndex("_evh_uk", "-by-event.sql"));

    private record RetiredIndex(String indexSuffix, String scriptSuffix) {}

    private SchemaScripts() {}

    /**
     * The queue table's DDL for a dialect and table name.
     *
     * @throws IllegalArgumentException when the table name is not a plain SQL identifier
     */
    public static String queueTable(Dialect dialect, String tableName) {
        return TableName.of("tableName", tableName).render(load(dialect.queueSchemaResource()));
    }

    /**
     * The index that serves per-aggregate order, for a dialect and table name, applied after
     * {@link #queueTable}; empty where the table's DDL already holds it (MariaDB, MySQL).
     */
    public static String orderIndex(Dialect dialect, String tableName) {
        return optionalQueueScript(dialect, "-order.sql", tableName);
    }

    /**
     * The scripts that bring the indexes of a queue table made by an earlier build of this schema
     * version to the current set, for a dialect and table name, oldest first; empty where there are
     * none (H2). Each applies to a table that still has its retired index, after the ones before it,
     * and after {@link #queueTable}.
     */
    public static List<IndexUpgrade> queueIndexUpgrades(Dialect dialect, String tableName) {
        String name = TableName.of("tableName", tableName).name();
        List<IndexUpgrade> upgrades = new ArrayList<>();
        for (RetiredIndex retired : RETIRED_INDEXES) {
            String script = optionalQueueScript(dialect, retired.scriptSuffix(), tableName);
            if (!script.isEmpty()) {
                upgrades.add(new IndexUpgrade(name + retired.indexSuffix(), script));
            }
        }
        return List.copyOf(upgrades);
    }

    /**
     * A script for tables that still have an index an earlier build made and this one does not.
     *
     * @param retiredIndex the index's name; the script drops it
     * @param script the statements
     */
    public record IndexUpgrade(String retiredIndex, String script) {}

    /** The dialect's queue script with that suffix, rendered for the table; empty where the dialect has none. */
    private static String optionalQueueScript(Dialect dialect, String suffix, String tableName) {
        String resource = dialect.queueSchemaResource().replace(".sql", suffix);
        if (SchemaScripts.class.getClassLoader().getResource(resource) == null) {
            return "";
        }
        return TableName.of("tableName", tableName).render(load(resource));
    }

    /** The script that upgrades a queue table of the previous schema version, for a dialect and table name. */
    public static String queueTableUpgrade(Dialect dialect, String tableName) {
        return TableName.of("tableName", tableName).render(load(dialect.queueUpgradeResource()));
    }

    /**
     * The script that removes a queue table and everything {@link #queueTable} made for it (the
     * table of running nodes; on PostgreSQL also the table of entries by event and its trigger
     * functions), for a dialect and table name. Its entries are lost.
     */
    public static String queueTableDrop(Dialect dialect, String tableName) {
        return TableName.of("tableName", tableName)
                .render(load(dialect.queueSchemaResource().replace(".sql", "-drop.sql")));
    }

    /** The audit table's DDL for a dialect and table name. */
    public static String auditTable(Dialect dialect, String tableName) {
        return TableName.of("tableName", tableName).render(load(dialect.auditSchemaResource()));
    }

    /**
     * The statements of a script, to run one at a time through JDBC: comments removed, split at
     * semicolons outside quotes and outside {@code $$}-quoted bodies (PostgreSQL's functions and
     * {@code DO} blocks).
     */
    public static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder(script.length());
        for (String line : script.split("\n", -1)) {
            withoutComments.append(stripComment(line)).append('\n');
        }
        List<String> statements = new ArrayList<>();
        boolean quoted = false;
        boolean inBody = false;
        int start = 0;
        for (int i = 0; i < withoutComments.length(); i++) {
            char c = withoutComments.charAt(i);
            if (c == '$' && !quoted && i + 1 < withoutComments.length() && withoutComments.charAt(i + 1) == '$') {
                inBody = !inBody;
                i++;
            } else if (c == '\'' && !inBody) {
                quoted = !quoted;
            } else if (c == ';' && !quoted && !inBody) {
                addStatement(statements, withoutComments.substring(start, i));
                start = i + 1;
            }
        }
        addStatement(statements, withoutComments.substring(start));
        return statements;
    }

    private static void addStatement(List<String> statements, String statement) {
        if (!statement.isBlank()) {
            statements.add(statement.strip());
        }
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    static String load(String resource) {
        try (InputStream in = SchemaScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema script " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema script " + resource, e);
        }
    }
}
