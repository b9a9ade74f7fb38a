package dev.eventqueue.jdbc;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The SQL type of each column an enqueue writes on H2, for the typed row of its {@code MERGE ...
 * USING (VALUES ...)}. H2 types an untyped parameter of {@code VALUES} by the value bound when it
 * re-prepares the statement, which it does after any schema change by another session: a NULL
 * bound then (an entry without ordering key, due time or credentials) would turn that column into
 * NULL for every later row of the batch. Cast to the column's type, every value keeps its own.
 */
final class H2ValueTypes {

    private static final Map<String, String> COLUMN_TYPES = Map.ofEntries(
            Map.entry("id", "UUID"),
            Map.entry("event_id", "UUID"),
            Map.entry("event_type", "VARCHAR(255)"),
            Map.entry("event_version", "INTEGER"),
            Map.entry("event_data", "CHARACTER LARGE OBJECT"),
            Map.entry("aggregate_id", "VARCHAR(255)"),
            Map.entry("ordering_key", "VARCHAR(255)"),
            Map.entry("handler_name", "VARCHAR(255)"),
            Map.entry("max_attempts", "INTEGER"),
            Map.entry("priority", "INTEGER"),
            Map.entry("is_background", "BOOLEAN"),
            Map.entry("next_retry_at", "TIMESTAMP(6) WITH TIME ZONE"),
            Map.entry("created_at", "TIMESTAMP(6) WITH TIME ZONE"),
            Map.entry("updated_at", "TIMESTAMP(6) WITH TIME ZONE"),
            Map.entry("credentials_user_id", "VARCHAR(255)"),
            Map.entry("credentials_role", "VARCHAR(255)"),
            Map.entry("headers", "CHARACTER LARGE OBJECT"));

    private H2ValueTypes() {}

    /** {@code (CAST(? AS type), ...)} for {@code columns}, a comma-separated list of column names. */
    static String typedRow(String columns) {
        StringJoiner row = new StringJoiner(", ", "(", ")");
        for (String column : columns.split(",")) {
            String name = column.strip();
            String type = COLUMN_TYPES.get(name);
            if (type == null) {
                throw new IllegalArgumentException("No H2 type known for the queue column '" + name + "'");
            }
            row.add("CAST(? AS " + type + ")");
        }
        return row.toString();
    }
}
