package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The SQL type of each column an enqueue writes on H2, for the typed row of its {@code MERGE ...
 * USING (VALUES ...)}. H2 types an untyped parameter of {@code VALUES} by the value bound when it
 * re-prepares the statement, which it does after any schema change by another session: a NULL
 * bound then (an entry without ordering key, due time or credentials) would turn that column into
 * NULL for every later row of the batch. Cast to the column's type, every value keeps its own.
 *
 * <p>The types are read once from the queue table's H2 schema script, so that the script stays
 * their only source.
 */
final class H2ValueTypes {

    /** The statement of the schema script that creates the queue table itself. */
    private static final String QUEUE_TABLE = "CREATE TABLE IF NOT EXISTS ${table} (";

    /** Words that end a column's type and start its constraints or default. */
    private static final Set<String> AFTER_TYPE =
            Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "GENERATED", "REFERENCES", "CHECK", "AS");

    /** Words that open a table constraint rather than a column. */
    private static final Set<String> TABLE_CONSTRAINTS =
            Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "INDEX");

    private static final Map<String, String> COLUMN_TYPES =
            columnTypes(SchemaScripts.load(Dialect.H2.queueSchemaResource()));

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

    /** The queue table's columns and their types, in the order of the schema script. */
    static Map<String, String> columnTypes() {
        return COLUMN_TYPES;
    }

    /**
     * The columns of the queue table's {@code CREATE TABLE} in a schema script, each with its type
     * as written there (for example {@code TIMESTAMP(6) WITH TIME ZONE}), in the script's order.
     *
     * @throws IllegalStateException when the script has no such statement or a column without type
     */
    static Map<String, String> columnTypes(String script) {
        String body = SchemaScripts.statements(script).stream()
                .filter(statement -> statement.startsWith(QUEUE_TABLE))
                .findFirst()
                .map(statement -> statement.substring(QUEUE_TABLE.length(), statement.lastIndexOf(')')))
                .orElseThrow(() -> new IllegalStateException("The H2 schema script has no '" + QUEUE_TABLE + "'"));
        Map<String, String> types = new LinkedHashMap<>();
        for (String element : topLevelElements(body)) {
            String[] words = element.strip().split("\\s+");
            if (TABLE_CONSTRAINTS.contains(words[0].toUpperCase(Locale.ROOT))) {
                continue;
            }
            StringJoiner type = new StringJoiner(" ");
            for (int i = 1; i < words.length && !AFTER_TYPE.contains(words[i].toUpperCase(Locale.ROOT)); i++) {
                type.add(words[i]);
            }
            if (type.length() == 0) {
                throw new IllegalStateException("The H2 schema script gives no type for the column '" + words[0] + "'");
            }
            types.put(words[0], type.toString());
        }
        return Collections.unmodifiableMap(types);
    }

    /** The comma-separated elements of a column list, not split inside parentheses ({@code DECIMAL(10, 2)}). */
    private static List<String> topLevelElements(String body) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                elements.add(body.substring(start, i));
                start = i + 1;
            }
        }
        elements.add(body.substring(start));
        elements.removeIf(String::isBlank);
        return elements;
    }
}
