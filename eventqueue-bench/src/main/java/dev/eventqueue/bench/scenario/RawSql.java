package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.store.Database;

/**
 * The raw reference's statements: the queue's row lifecycle written by hand, the way a careful
 * JDBC user would, with no library code in between.
 */
final class RawSql {

    static final String COLUMNS = "id, event_id, event_type, event_data, aggregate_id, handler_name, max_attempts, "
            + "priority, is_background, created_at, updated_at";
    static final int COLUMN_COUNT = 11;

    private RawSql() {}

    /** PostgreSQL: any number of pending rows as one array per column. */
    static String insertArrays(String table) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") SELECT * FROM unnest(?::uuid[], ?::uuid[], "
                + "?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::int[], ?::int[], ?::boolean[], "
                + "?::timestamptz[], ?::timestamptz[])";
    }

    /** PostgreSQL: the claim transaction's settings, as the repository sends them. */
    static final String CLAIM_SETTINGS = "SELECT set_config('synchronous_commit', 'off', true), "
            + "set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true), "
            + "set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)";

    /** One multi-row insert of {@code rows} pending rows. */
    static String insert(String table, int rows) {
        String row = "(" + "?, ".repeat(COLUMN_COUNT - 1) + "?)";
        StringBuilder sql = new StringBuilder("INSERT INTO ")
                .append(table)
                .append(" (")
                .append(COLUMNS)
                .append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    private static final String DUE = """
            status = 'pending' AND is_background = FALSE AND handler_name = ?
               AND (next_retry_at IS NULL OR next_retry_at <= ?)
             ORDER BY priority, created_at, seq
             LIMIT ?""";

    /** MariaDB: the claim index holds the computed column, which the filter must name. */
    private static final String DUE_COMPUTED = "pending_background = FALSE AND " + DUE;

    /** PostgreSQL: lock, claim and read a batch in one statement. */
    static String claimReturning(String table) {
        return "WITH next_entries AS MATERIALIZED (SELECT id AS claim_id FROM " + table + " WHERE " + DUE
                + " FOR UPDATE SKIP LOCKED) UPDATE " + table + " SET status = 'processing', locked_by = ?, "
                + "lease_expires_at = ?, attempts = attempts + 1, updated_at = ? FROM next_entries "
                + "WHERE id = next_entries.claim_id RETURNING id, event_data";
    }

    /** MariaDB and H2: the locking select of a two-statement claim. */
    static String claimSelect(String table, Database database) {
        return database == Database.H2
                ? "SELECT id, event_data, seq FROM " + table + " WHERE " + DUE + " FOR UPDATE"
                : "SELECT id, event_data, seq FROM " + table + " WHERE " + DUE_COMPUTED + " FOR UPDATE SKIP LOCKED";
    }

    /** The claim of locked rows by their primary key: {@code seq} on MariaDB, {@code id} on H2. */
    static String claimUpdate(String table, int rows, Database database) {
        return "UPDATE " + table + " SET status = 'processing', locked_by = ?, lease_expires_at = ?, "
                + "attempts = attempts + 1, updated_at = ? WHERE " + (database == Database.MARIADB ? "seq" : "id")
                + " IN (" + placeholders(rows) + ")";
    }

    /** PostgreSQL: mark a batch completed by an array of ids. */
    static String completeAny(String table) {
        return "UPDATE " + table + " SET status = 'completed', locked_by = NULL, lease_expires_at = NULL, "
                + "updated_at = ? WHERE id = ANY(?)";
    }

    static String completeIn(String table, int ids) {
        return "UPDATE " + table + " SET status = 'completed', locked_by = NULL, lease_expires_at = NULL, "
                + "updated_at = ? WHERE id IN (" + placeholders(ids) + ")";
    }

    private static String placeholders(int count) {
        return "?" + ", ?".repeat(count - 1);
    }
}
