package dev.eventqueue.jdbc;

import java.util.regex.Pattern;

/**
 * A validated table name, optionally schema-qualified ({@code app.event_queue}). Only letters,
 * digits and underscores pass, so the name can be written into SQL text safely; the unqualified
 * part is kept short enough for index names derived from it to fit every database's limit.
 *
 * @param qualified the name as written in statements
 * @param name      the unqualified part, used to name indexes and constraints
 */
record TableName(String qualified, String name) {

    static final int MAX_NAME_LENGTH = 50;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static TableName of(String setting, String value) {
        if (value == null) {
            throw new IllegalArgumentException(setting + " must not be null");
        }
        String[] parts = value.split("\\.", -1);
        boolean valid = parts.length <= 2;
        for (String part : parts) {
            valid &= IDENTIFIER.matcher(part).matches() && part.length() <= 63;
        }
        if (!valid) {
            throw new IllegalArgumentException(setting + " must be an SQL identifier such as 'event_queue' or "
                    + "'app.event_queue' (letters, digits and underscores, not starting with a digit), but was '"
                    + value + "'");
        }
        String name = parts[parts.length - 1];
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(setting + " '" + value + "' is too long: at most " + MAX_NAME_LENGTH
                    + " characters after the schema, so that index names derived from it stay within 64");
        }
        return new TableName(value, name);
    }

    /**
     * Replaces {@code ${table}}, {@code ${name}} and {@code ${schema}} (the schema with its dot, or
     * nothing) in a script template; {@code ${schema}${name}_ix} names an index of the table, which
     * lives in the table's schema.
     */
    String render(String template) {
        String schema = schema();
        return template.replace("${table}", qualified)
                .replace("${schema}", schema == null ? "" : schema + ".")
                .replace("${name}", name);
    }

    /** The schema the name is qualified with, or null for an unqualified name. */
    String schema() {
        return qualified.equals(name) ? null : qualified.substring(0, qualified.length() - name.length() - 1);
    }

    /** A PostgreSQL advisory lock key for this table, one per {@code purpose}. */
    long advisoryLockKey(long purpose) {
        return qualified.hashCode() * 31L + purpose;
    }

    @Override
    public String toString() {
        return qualified;
    }
}
