package dev.eventqueue.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Applies a rendered schema script, idempotently, serialized across nodes where the database can. */
final class SchemaInstaller {

    private SchemaInstaller() {}

    /** Whether the table exists and has no column of that name; {@code false} when it does not exist. */
    private static boolean lacksColumn(SqlRunner runner, TableName table, String column) {
        try {
            return runner.single("inspect table " + table, connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rows =
                                statement.executeQuery("SELECT * FROM " + table.qualified() + " WHERE 1 = 0")) {
                    ResultSetMetaData columns = rows.getMetaData();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        if (columns.getColumnName(i).equalsIgnoreCase(column)) {
                            return false;
                        }
                    }
                    return true;
                }
            });
        } catch (EventQueueStoreException missingTable) {
            return false;
        }
    }

    static void apply(SqlRunner runner, SqlDialect dialect, TableName table, String script) {
        apply(runner, dialect, table, script, null, null, RetiredIndex.NONE);
    }

    /**
     * Like {@link #apply(SqlRunner, SqlDialect, TableName, String)}, first running {@code upgrade} when
     * the table exists without {@code markerColumn} (a table of the previous schema version), then the
     * index upgrade of {@code retired} when the table still has its retired index (a table made by an
     * earlier build of this schema version). Of several nodes starting at once, one upgrades.
     */
    static void apply(
            SqlRunner runner,
            SqlDialect dialect,
            TableName table,
            String script,
            String upgrade,
            String markerColumn,
            RetiredIndex retired) {
        List<String> statements = new ArrayList<>();
        if (upgrade != null && lacksColumn(runner, table, markerColumn)) {
            statements.addAll(SchemaScripts.statements(upgrade));
        }
        statements.addAll(SchemaScripts.statements(script));
        runner.transaction("create table " + table + " if missing", connection -> {
            dialect.lockSchema(connection, table.qualified().hashCode() * 31L + 0x5eed);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                if (!retired.upgrade().isEmpty() && dialect.hasIndex(connection, table, retired.name())) {
                    try {
                        for (String sql : SchemaScripts.statements(retired.upgrade())) {
                            statement.execute(sql);
                        }
                    } catch (SQLException raced) {
                        // Where the schema lock is not available (MariaDB), another node may have
                        // upgraded the table first: its index is gone, nothing is left to do.
                        if (dialect.hasIndex(connection, table, retired.name())) {
                            throw raced;
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * An index that an earlier build of the current schema version made and this one does not,
     * and the script that brings such a table's indexes to the current set ({@code ""}: none).
     */
    record RetiredIndex(String name, String upgrade) {
        static final RetiredIndex NONE = new RetiredIndex("", "");
    }
}
