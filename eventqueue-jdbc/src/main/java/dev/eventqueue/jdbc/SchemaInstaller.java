package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/** Applies a rendered schema script, idempotently, serialized across nodes where the database can. */
final class SchemaInstaller {

    private SchemaInstaller() {}

    static void apply(SqlRunner runner, Dialect dialect, TableName table, String script) {
        List<String> statements = SchemaScripts.statements(script);
        String lock = dialect.schemaLock();
        runner.transaction("create table " + table + " if missing", connection -> {
            if (lock != null) {
                try (PreparedStatement acquire = connection.prepareStatement(lock)) {
                    acquire.setLong(1, table.qualified().hashCode() * 31L + 0x5eed);
                    acquire.execute();
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }
}
