package dev.eventqueue.jdbc;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.jdbc.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The audit trail in a database table ({@code event_audit_log} by default; DDL in
 * {@link SchemaScripts#auditTable}). {@link #recordAll} writes a batch in one transaction of its
 * own, never the caller's, so audit rows are written only for what happened. Thread-safe.
 */
public final class JdbcAuditLog implements AuditLog {

    /** Longest text kept in the VARCHAR(255) columns; longer values are cut rather than failing the record. */
    private static final int MAX_TEXT = 255;

    private static final String INSERT = """
            INSERT INTO ${table} (recorded_at, event_id, event_type, handler_name, action, attempt, user_id, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String FIND_BY_EVENT_ID = """
            SELECT recorded_at, event_id, event_type, handler_name, action, attempt, user_id, error
              FROM ${table} WHERE event_id = ? ORDER BY recorded_at, id""";

    private final Dialect dialect;
    private final SqlDialect store;
    private final TableName table;
    private final SqlRunner runner;
    private final String insert;
    private final String findByEventId;

    private JdbcAuditLog(Dialect dialect, TableName table, SqlRunner runner) {
        this.dialect = dialect;
        this.table = table;
        this.runner = runner;
        this.store = SqlDialect.of(dialect);
        runner.dialect(store);
        this.insert = table.render(INSERT);
        this.findByEventId = table.render(FIND_BY_EVENT_ID);
    }

    /** An audit log on table {@code event_audit_log}, its dialect detected from the database. */
    public static JdbcAuditLog create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Creates the table and its index unless they exist. */
    public void createSchemaIfMissing() {
        SchemaInstaller.apply(runner, store, table, schemaScript());
    }

    public String schemaScript() {
        return SchemaScripts.auditTable(dialect, table.qualified());
    }

    public String tableName() {
        return table.qualified();
    }

    @Override
    public void record(AuditRecord record) {
        recordAll(List.of(record));
    }

    @Override
    public void recordAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        SqlRunner.Work<Void> work = connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (AuditRecord record : records) {
                    store.setInstant(statement, 1, record.timestamp());
                    store.setUuid(statement, 2, record.eventId());
                    statement.setString(3, cut(record.eventType()));
                    statement.setString(4, cut(record.handlerName()));
                    statement.setString(5, record.action().name());
                    statement.setInt(6, record.attempt());
                    statement.setString(7, cut(record.userId()));
                    statement.setString(8, record.error());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        };
        if (records.size() == 1) {
            runner.write("write an audit record", work);
        } else {
            runner.transaction("write " + records.size() + " audit records", work);
        }
    }

    @Override
    public List<AuditRecord> findByEventId(UUID eventId) {
        return runner.single("read the audit trail of an event", connection -> {
            try (PreparedStatement select = connection.prepareStatement(findByEventId)) {
                store.setUuid(select, 1, eventId);
                List<AuditRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(new AuditRecord(
                                store.getInstant(rows, "recorded_at"),
                                store.getUuid(rows, "event_id"),
                                rows.getString("event_type"),
                                rows.getString("handler_name"),
                                AuditAction.valueOf(rows.getString("action")),
                                rows.getInt("attempt"),
                                rows.getString("user_id"),
                                rows.getString("error")));
                    }
                }
                return records;
            }
        });
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    /** Configures an audit log. Defaults: table {@code event_audit_log}, dialect detected, no schema creation. */
    public static final class Builder {
        private final DataSource dataSource;
        private TableName table = TableName.of("tableName", "event_audit_log");
        private Dialect dialect;
        private boolean createSchema;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** @throws IllegalArgumentException unless it is a plain SQL identifier */
        public Builder tableName(String tableName) {
            this.table = TableName.of("tableName", tableName);
            return this;
        }

        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /**
         * @throws EventQueueStoreException when the database cannot be reached to detect the dialect
         *                                  or create the table
         */
        public JdbcAuditLog build() {
            // Never joins a caller's transaction: audit rows follow what was committed, not what was attempted.
            SqlRunner runner = new SqlRunner(
                    new DataSourceConnectionProvider(dataSource),
                    false,
                    "audit table " + table,
                    DatabaseUrls.describe(dataSource));
            Dialect resolved = dialect != null
                    ? dialect
                    : runner.single("detect the database dialect", connection -> {
                        String url = String.valueOf(connection.getMetaData().getURL());
                        runner.database(DatabaseUrls.withoutPassword(url));
                        return Dialect.detect(connection);
                    });
            JdbcAuditLog log = new JdbcAuditLog(resolved, table, runner);
            if (createSchema) {
                log.createSchemaIfMissing();
            }
            return log;
        }
    }
}
