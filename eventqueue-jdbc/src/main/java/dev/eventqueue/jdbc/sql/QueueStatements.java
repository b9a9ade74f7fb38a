package dev.eventqueue.jdbc.sql;

import dev.eventqueue.jdbc.dialect.Dialect;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queue's SQL, rendered once for one table and dialect. Statements with a variable number of
 * ids contain {@code ${ids}} (or {@code ${handlers}}); {@link #withIds} fills them in, caching each
 * size. Every value is a bind parameter; only the validated table name is written into the text.
 */
public final class QueueStatements {

    /** Columns every read of an entry returns (all but the payload). */
    public static final String ENTRY_COLUMNS = """
            id, seq, event_id, event_type, aggregate_id, handler_name, status, attempts, max_attempts, priority, \
            is_background, next_retry_at, created_at, updated_at, error, credentials_user_id, credentials_role, \
            locked_by, lease_expires_at""";

    /**
     * Columns written by an enqueue, in bind order. Status and attempts take their column defaults
     * ({@code 'pending'}, 0), so every value in an insert is a bind parameter.
     */
    public static final String INSERT_COLUMNS = """
            id, event_id, event_type, event_data, aggregate_id, handler_name, max_attempts, priority, is_background, \
            created_at, updated_at, credentials_user_id, credentials_role""";

    static final String INSERT_ROW = "(" + placeholders(13) + ")";

    private static final String CLAIM_RETURNING = """
            WITH next_entries AS MATERIALIZED (
                SELECT id AS claim_id FROM ${table}
                 WHERE status = 'pending' AND is_background = ? AND handler_name IN (${handlers})
                   AND (next_retry_at IS NULL OR next_retry_at <= ?)
                 ORDER BY priority, created_at, seq
                 LIMIT ?
                 FOR UPDATE SKIP LOCKED)
            UPDATE ${table}
               SET status = 'processing', locked_by = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?
              FROM next_entries
             WHERE id = next_entries.claim_id
            RETURNING ${columns}, event_data""";

    /**
     * Settings for the claim's own transaction, sent before it. The claim commits without waiting
     * for its WAL flush: a claim lost in a server crash leaves the entry pending, which at-least-once
     * delivery allows, and the completion, which does wait, flushes it anyway. And the planner reads
     * the claim index in claim order and stops after LIMIT rows, rather than sorting every pending
     * row, which it otherwise picks whenever its statistics undercount the backlog (a new table, or
     * a burst of publishes before autovacuum analyzed it); and it updates the claimed rows through
     * the primary key, rather than hashing the whole table against them, which it picks once
     * statistics say the table is large.
     */
    private static final String CLAIM_SETTINGS = """
            SELECT set_config('synchronous_commit', 'off', true), set_config('enable_sort', 'off', true),
                   set_config('enable_bitmapscan', 'off', true), set_config('enable_hashjoin', 'off', true),
                   set_config('enable_mergejoin', 'off', true)""";

    /**
     * PostgreSQL: all rows of an enqueue as one array per column, so one statement text serves any
     * size; it returns how many rows it inserted and, when a foreground entry was among them, sends
     * the wake-up NOTIFY (first parameter; delivered at commit). One statement is its own
     * transaction: a publish is one round trip.
     */
    private static final String INSERT_ARRAYS = """
            WITH inserted AS (
                INSERT INTO ${table} (${insertColumns})
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[],
                                     ?::int[], ?::int[], ?::boolean[], ?::timestamptz[], ?::timestamptz[],
                                     ?::varchar[], ?::varchar[])
                ON CONFLICT (event_id, handler_name) DO NOTHING
                RETURNING is_background)
            SELECT COUNT(*) AS inserted,
                   (SELECT COUNT(pg_notify(wake.channel, ''))
                      FROM (SELECT ?::text AS channel) wake
                     WHERE wake.channel IS NOT NULL
                       AND EXISTS (SELECT 1 FROM inserted WHERE NOT is_background)) AS notified
              FROM inserted""";

    private static final String COMPLETE_ANY = """
            UPDATE ${table}
               SET status = 'completed', error = NULL, locked_by = NULL, lease_expires_at = NULL, updated_at = ?
             WHERE status = 'processing' AND locked_by = ? AND id = ANY(?)""";

    private static final String RELEASE_ANY = """
            UPDATE ${table}
               SET status = 'pending', attempts = GREATEST(attempts - 1, 0), locked_by = NULL,
                   lease_expires_at = NULL, updated_at = ?
             WHERE status = 'processing' AND locked_by = ? AND id = ANY(?)""";

    private static final String CLAIM_SELECT = """
            SELECT ${columns}, event_data FROM ${table}
             WHERE status = 'pending' AND is_background = ? AND handler_name IN (${handlers})
               AND (next_retry_at IS NULL OR next_retry_at <= ?)
             ORDER BY priority, created_at, seq
             LIMIT ?
             ${lock}""";

    private static final String CLAIM_UPDATE = """
            UPDATE ${table}
               SET status = 'processing', locked_by = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?
             WHERE status = 'pending' AND id IN (${ids})""";

    private static final String CLAIMED_BY = """
            SELECT id FROM ${table} WHERE status = 'processing' AND locked_by = ? AND id IN (${ids})""";

    private static final String COMPLETE = """
            UPDATE ${table}
               SET status = 'completed', error = NULL, locked_by = NULL, lease_expires_at = NULL, updated_at = ?
             WHERE status = 'processing' AND locked_by = ? AND id IN (${ids})""";

    private static final String RESCHEDULE = """
            UPDATE ${table}
               SET status = 'pending', next_retry_at = ?, error = ?, locked_by = NULL, lease_expires_at = NULL,
                   updated_at = ?
             WHERE status = 'processing' AND locked_by = ? AND id = ?""";

    private static final String FAIL = """
            UPDATE ${table}
               SET status = 'failed', error = ?, locked_by = NULL, lease_expires_at = NULL, updated_at = ?
             WHERE status = 'processing' AND locked_by = ? AND id = ?""";

    private static final String RELEASE = """
            UPDATE ${table}
               SET status = 'pending', attempts = GREATEST(attempts - 1, 0), locked_by = NULL,
                   lease_expires_at = NULL, updated_at = ?
             WHERE status = 'processing' AND locked_by = ? AND id IN (${ids})""";

    private static final String EXTEND_LEASES = """
            UPDATE ${table} SET lease_expires_at = ? WHERE status = 'processing' AND locked_by = ?""";

    private static final String SELECT_EXPIRED = """
            SELECT ${columns} FROM ${table}
             WHERE status = 'processing' AND lease_expires_at < ?
             ORDER BY lease_expires_at, seq
             LIMIT ?
             ${lock}""";

    private static final String RECOVER_TO_PENDING = """
            UPDATE ${table}
               SET status = 'pending', locked_by = NULL, lease_expires_at = NULL, updated_at = ?
             WHERE status = 'processing' AND id IN (${ids})""";

    private static final String RECOVER_TO_FAILED = """
            UPDATE ${table}
               SET status = 'failed', error = ?, locked_by = NULL, lease_expires_at = NULL, updated_at = ?
             WHERE status = 'processing' AND id = ?""";

    private static final String SELECT_FAILED_FOR_RETRY = """
            SELECT ${columns} FROM ${table}
             WHERE status = 'failed'
             ORDER BY updated_at, seq
             LIMIT ?
             ${lock}""";

    private static final String RETRY_FAILED = """
            UPDATE ${table}
               SET status = 'pending', attempts = 0, next_retry_at = NULL, updated_at = ?
             WHERE status = 'failed' AND id IN (${ids})""";

    private static final String SELECT_COMPLETED_BEFORE = """
            SELECT ${columns} FROM ${table}
             WHERE status = 'completed' AND updated_at < ?
             ORDER BY updated_at, seq
             LIMIT ?
             ${lock}""";

    private static final String DELETE_COMPLETED = """
            DELETE FROM ${table} WHERE status = 'completed' AND id IN (${ids})""";

    private static final String COUNT_BY_STATUS = """
            SELECT status, COUNT(*) AS entries FROM ${table} GROUP BY status""";

    // The earliest time a due pending entry became due: the later of its creation and its retry time.
    private static final String OLDEST_DUE = """
            SELECT MIN(CASE WHEN next_retry_at IS NOT NULL AND next_retry_at > created_at
                            THEN next_retry_at ELSE created_at END) AS due_since
              FROM ${table}
             WHERE status = 'pending' AND (next_retry_at IS NULL OR next_retry_at <= ?)""";

    private static final String PING = """
            SELECT COUNT(*) FROM ${table} WHERE 1 = 0""";

    private static final String FIND_FAILED = """
            SELECT ${columns} FROM ${table} WHERE status = 'failed' ORDER BY updated_at, seq LIMIT ?""";

    private static final String FIND_BY_EVENT_ID = """
            SELECT ${columns} FROM ${table} WHERE event_id = ? ORDER BY created_at, seq""";

    /** Sizes up to this are cached; larger lists are rendered per call. */
    private static final int MAX_CACHED_SIZE = 1024;

    private final Dialect dialect;
    private final String table;
    private final String reschedule;
    private final String fail;
    private final String extendLeases;
    private final String selectExpired;
    private final String recoverToFailed;
    private final String selectFailedForRetry;
    private final String selectCompletedBefore;
    private final String countByStatus;
    private final String oldestDue;
    private final String findFailed;
    private final String ping;
    private final String findByEventId;
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, String>> sized = new ConcurrentHashMap<>();

    public QueueStatements(Dialect dialect, String table) {
        this.dialect = dialect;
        this.table = table;
        this.reschedule = render(RESCHEDULE);
        this.fail = render(FAIL);
        this.extendLeases = render(EXTEND_LEASES);
        this.selectExpired = render(SELECT_EXPIRED);
        this.recoverToFailed = render(RECOVER_TO_FAILED);
        this.selectFailedForRetry = render(SELECT_FAILED_FOR_RETRY);
        this.selectCompletedBefore = render(SELECT_COMPLETED_BEFORE);
        this.countByStatus = render(COUNT_BY_STATUS);
        this.oldestDue = render(OLDEST_DUE);
        this.findFailed = render(FIND_FAILED);
        this.ping = render(PING);
        this.findByEventId = render(FIND_BY_EVENT_ID);
    }

    public String table() {
        return table;
    }

    /** An insert of {@code rows} entries skipping existing {@code (event_id, handler_name)} pairs. */
    public String insert(int rows) {
        return cached("insert", rows, n -> dialect.insertEntries(table, INSERT_COLUMNS, INSERT_ROW, n));
    }

    /** Bind parameters per inserted row. */
    public static int insertParameters() {
        return 13;
    }

    /**
     * PostgreSQL's insert of any number of rows bound as arrays, one per column of
     * {@link #INSERT_COLUMNS}, then the NOTIFY channel (or null for none).
     */
    public String insertArrays() {
        return cached("insertArrays", 0, n -> render(INSERT_ARRAYS).replace("${insertColumns}", INSERT_COLUMNS));
    }

    /** Completion with the ids bound as one array ({@link Dialect#bindsArrays()}). */
    public String completeAny() {
        return cached("completeAny", 0, n -> render(COMPLETE_ANY));
    }

    /** Release with the ids bound as one array ({@link Dialect#bindsArrays()}). */
    public String releaseAny() {
        return cached("releaseAny", 0, n -> render(RELEASE_ANY));
    }

    /** PostgreSQL: the settings of a claim's transaction (see {@link #CLAIM_SETTINGS}). */
    public String claimSettings() {
        return CLAIM_SETTINGS;
    }

    public String claimReturning(int handlers) {
        return withList(CLAIM_RETURNING, "${handlers}", handlers);
    }

    public String claimSelect(int handlers) {
        return withList(CLAIM_SELECT, "${handlers}", handlers);
    }

    public String claimUpdate(int ids) {
        return withIds(CLAIM_UPDATE, ids);
    }

    public String claimedBy(int ids) {
        return withIds(CLAIMED_BY, ids);
    }

    public String complete(int ids) {
        return withIds(COMPLETE, ids);
    }

    public String reschedule() {
        return reschedule;
    }

    public String fail() {
        return fail;
    }

    public String release(int ids) {
        return withIds(RELEASE, ids);
    }

    public String extendLeases() {
        return extendLeases;
    }

    public String selectExpired() {
        return selectExpired;
    }

    public String recoverToPending(int ids) {
        return withIds(RECOVER_TO_PENDING, ids);
    }

    public String recoverToFailed() {
        return recoverToFailed;
    }

    public String selectFailedForRetry() {
        return selectFailedForRetry;
    }

    public String retryFailed(int ids) {
        return withIds(RETRY_FAILED, ids);
    }

    public String selectCompletedBefore() {
        return selectCompletedBefore;
    }

    public String deleteCompleted(int ids) {
        return withIds(DELETE_COMPLETED, ids);
    }

    public String countByStatus() {
        return countByStatus;
    }

    public String oldestDue() {
        return oldestDue;
    }

    public String findFailed() {
        return findFailed;
    }

    /** A query that fails unless the table exists and the database answers. */
    public String ping() {
        return ping;
    }

    public String findByEventId() {
        return findByEventId;
    }

    private String withIds(String template, int count) {
        return withList(template, "${ids}", count);
    }

    private String withList(String template, String placeholder, int count) {
        return cached(template, count, n -> render(template).replace(placeholder, placeholders(n)));
    }

    private String cached(String key, int size, java.util.function.IntFunction<String> renderer) {
        if (size > MAX_CACHED_SIZE) {
            return renderer.apply(size);
        }
        return sized.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).computeIfAbsent(size, renderer::apply);
    }

    private String render(String template) {
        return template.replace("${columns}", ENTRY_COLUMNS)
                .replace("${table}", table)
                .replace("${lock}", dialect.lockRows());
    }

    /** {@code ?, ?, ?} for {@code count} values. */
    public static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        return "?" + ", ?".repeat(count - 1);
    }
}
