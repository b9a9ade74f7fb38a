package dev.eventqueue.jdbc;

import java.sql.Connection;
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
        apply(runner, dialect, table, script, null, null, List.of());
    }

    /**
     * Like {@link #apply(SqlRunner, SqlDialect, TableName, String)}, first running {@code upgrade} when
     * the table exists without {@code markerColumn} (a table of the previous schema version), then
     * each index upgrade, in order, whose retired index the table still has (a table made by an
     * earlier build of this schema version). Of several nodes starting at once, one upgrades.
     */
    static void apply(
            SqlRunner runner,
            SqlDialect dialect,
            TableName table,
            String script,
            String upgrade,
            String markerColumn,
            List<SchemaScripts.IndexUpgrade> indexUpgrades) {
        List<String> statements = new ArrayList<>();
        if (upgrade != null && lacksColumn(runner, table, markerColumn)) {
            statements.addAll(SchemaScripts.statements(upgrade));
        }
        statements.addAll(SchemaScripts.statements(script));
        runner.transaction("create table " + table + " if missing", connection -> {
            dialect.lockSchema(connection, table.advisoryLockKey(0x5eed));
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                for (SchemaScripts.IndexUpgrade indexUpgrade : indexUpgrades) {
                    upgradeIndexes(dialect, connection, statement, table, indexUpgrade);
                }
            }
            return null;
        });
    }

    private static void upgradeIndexes(
            SqlDialect dialect,
            Connection connection,
            Statement statement,
            TableName table,
            SchemaScripts.IndexUpgrade indexUpgrade)
            throws SQLException {
        if (!dialect.hasIndex(connection, table, indexUpgrade.retiredIndex())) {
            return;
        }
        try {
            for (String sql : SchemaScripts.statements(indexUpgrade.script())) {
                statement.execute(sql);
            }
        } catch (SQLException raced) {
            // Where the schema lock is not available (MariaDB), another node may have upgraded the
            // table first: its index is gone, nothing is left to do.
            if (dialect.hasIndex(connection, table, indexUpgrade.retiredIndex())) {
                throw raced;
            }
        }
    }
}
