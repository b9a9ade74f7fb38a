package dev.eventqueue.jdbc;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The queue's SQL, rendered once for one table and dialect. Statements with a variable number of
 * ids contain {@code ${ids}}, {@code ${claims}} (pairs of id and claim token) or {@code ${handlers}};
 * the sized methods fill them in, caching each size. Every value is a bind parameter; only the
 * validated table name is written into the text.
 */
final class QueueStatements {

    /** Columns every read of an entry returns (all but the payload). */
    static final String ENTRY_COLUMNS = """
            id, seq, event_id, event_type, event_version, aggregate_id, ordering_key, handler_name, status, attempts, \
            max_attempts, priority, is_background, next_retry_at, created_at, updated_at, error, credentials_user_id, \
            credentials_role, headers, locked_by, lease_expires_at, claim_token""";

    /**
     * Columns written by an enqueue, in bind order. Status, attempts and claim token take
     * their column defaults, so every value in an insert is a bind parameter.
     */
    static final String INSERT_COLUMNS = """
            id, event_id, event_type, event_version, event_data, aggregate_id, ordering_key, handler_name, max_attempts, priority, \
            is_background, next_retry_at, created_at, updated_at, credentials_user_id, credentials_role, headers""";

    static final int INSERT_PARAMETERS = 17;

    private static final String INSERT_ROW = "(" + placeholders(INSERT_PARAMETERS) + ")";

    /** What a claim sets: the owner, the lease, one more attempt and a new claim token. */
    private static final String CLAIM_SET = """
            status = 'processing', locked_by = ?, lease_expires_at = ?, attempts = attempts + 1, \
            claim_token = claim_token + 1, updated_at = ?""";

    /**
     * Due rows of the loop and handlers; a row with an ordering key only when no earlier row of its
     * handler and key is still pending, processing or failed (a parked row has no key any more):
     * the entries of one key start one at a time, in enqueue order. The anti-join reads the order
     * index, which holds only such unfinished ordered rows, so unordered queues pay nothing for it.
     */
    private static final String DUE_FILTER = """
            ${pendingIn} AND handler_name IN (${handlers})
                   AND (next_retry_at IS NULL OR next_retry_at <= ?)
                   AND (candidate.ordering_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM ${table} earlier
                         WHERE earlier.handler_name = candidate.handler_name
                           AND ${earlierUnfinished}
                           AND earlier.seq < candidate.seq))""";

    /** Pending rows of one loop (its parameter: whether background). */
    private static final String PENDING_IN = "status = 'pending' AND is_background = ?";

    private static final String EARLIER_UNFINISHED = """
            earlier.ordering_key = candidate.ordering_key
                           AND earlier.status IN ('pending', 'processing', 'failed')""";

    /**
     * MariaDB and MySQL: the same tests on the computed columns that their claim and order indexes
     * hold. Both databases use an index on a computed column only where a query names the column.
     */
    private static final String PENDING_IN_COMPUTED = "pending_background = ? AND status = 'pending'";

    private static final String EARLIER_UNFINISHED_COMPUTED =
            "earlier.unfinished_ordering_key = candidate.ordering_key";

    private static final String CLAIM_RETURNING = """
            WITH next_entries AS MATERIALIZED (
                SELECT id AS claim_id FROM ${table} candidate
                 WHERE ${due}
                 ORDER BY priority, created_at, seq
                 LIMIT ?
                 FOR UPDATE SKIP LOCKED)
            UPDATE ${table}
               SET ${claimSet}
              FROM next_entries
             WHERE id = next_entries.claim_id
            RETURNING ${columns}, event_data""";

    /** The aged claim: entries that became pending before the cutoff, longest waiting first. */
    private static final String CLAIM_AGED_RETURNING = """
            WITH next_entries AS MATERIALIZED (
                SELECT id AS claim_id FROM ${table} candidate
                 WHERE ${due} AND updated_at < ?
                 ORDER BY updated_at, seq
                 LIMIT ?
                 FOR UPDATE SKIP LOCKED)
            UPDATE ${table}
               SET ${claimSet}
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
     * size. Each (event, handler) pair goes into the table of entries by event first, and an entry
     * into the queue only if its pair was new, in publish order (the order of {@code seq}); it
     * returns how many entries it inserted and, when a foreground entry was among them, sends the
     * wake-up NOTIFY (last parameter; delivered at commit). One statement is its own transaction:
     * a publish is one round trip.
     */
    private static final String INSERT_ARRAYS = """
            WITH input AS (
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::int[], ?::text[], ?::varchar[], ?::varchar[],
                                     ?::varchar[], ?::int[], ?::int[], ?::boolean[], ?::timestamptz[],
                                     ?::timestamptz[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::text[])
                       WITH ORDINALITY AS input(${insertColumns}, publish_order)),
            paired AS (
                INSERT INTO ${table}_by_event (event_id, handler_name, entry_id)
                SELECT event_id, handler_name, id FROM input
                ON CONFLICT DO NOTHING
                RETURNING entry_id),
            inserted AS (
                INSERT INTO ${table} (${insertColumns})
                SELECT ${insertColumns} FROM input
                 WHERE id IN (SELECT entry_id FROM paired)
                 ORDER BY publish_order
                RETURNING is_background)
            SELECT COUNT(*) AS inserted,
                   (SELECT COUNT(pg_notify(wake.channel, ''))
                      FROM (SELECT ?::text AS channel) wake
                     WHERE wake.channel IS NOT NULL
                       AND EXISTS (SELECT 1 FROM inserted WHERE NOT is_background)) AS notified
              FROM inserted""";

    /** PostgreSQL: the claims of a write as two arrays, ids and tokens, matched pairwise. */
    private static final String CLAIMS_SOURCE = "unnest(?::uuid[], ?::bigint[]) AS claim(id, token)";

    private static final String CLAIMS_ANY = "FROM " + CLAIMS_SOURCE;

    /**
     * The status test is written so that no partial index of processing rows can serve it, and the
     * planner finds each claim by its key. Given {@code q.status = 'processing'}, it read every
     * processing row from such an index (the lease index) and hashed the claims against them: that
     * index also holds the processing rows of every other node and the entries that claims and
     * completions left dead until vacuum, so a completion's cost grew with them (single completions
     * took 280 ms in a measured run with a million completed rows).
     */
    private static final String HELD_ANY =
            "q.id = claim.id AND q.claim_token = claim.token AND q.status || '' = 'processing'";

    private static final String COMPLETE_ANY = """
            UPDATE ${table} AS q
               SET status = 'completed', error = NULL, locked_by = NULL, lease_expires_at = NULL, updated_at = ?
              ${claimsAny}
             WHERE ${heldAny}""";

    /** PostgreSQL: a completion that removes the entries instead of keeping them as completed. */
    private static final String DELETE_HELD_ANY = """
            DELETE FROM ${table} AS q
             USING ${claimsSource}
             WHERE ${heldAny}""";

    private static final String RELEASE_ANY = """
            UPDATE ${table} AS q
               SET status = 'pending', attempts = GREATEST(attempts - 1, 0), locked_by = NULL,
                   lease_expires_at = NULL, updated_at = ?
              ${claimsAny}
             WHERE ${heldAny}""";

    private static final String EXTEND_ANY = """
            UPDATE ${table} AS q
               SET lease_expires_at = ?
              ${claimsAny}
             WHERE ${heldAny}
            RETURNING q.id, q.claim_token""";

    private static final String CLAIM_SELECT = """
            SELECT ${columns}, event_data FROM ${table} candidate
             WHERE ${due}
             ORDER BY priority, created_at, seq
             LIMIT ?
             ${lock}""";

    private static final String CLAIM_AGED_SELECT = """
            SELECT ${columns}, event_data FROM ${table} candidate
             WHERE ${due} AND updated_at < ?
             ORDER BY updated_at, seq
             LIMIT ?
             ${lock}""";

    /**
     * H2: the ids of the next due rows, read without locks. The claim order is written behind the
     * claim index's leading columns, which the filter fixes by equality, so that H2 reads that
     * index in order and stops after LIMIT rows; it matches no index otherwise and sorts every
     * due row.
     */
    private static final String CLAIM_PICK = """
            SELECT id FROM ${table} candidate
             WHERE ${due}
             ORDER BY status, is_background, priority, created_at, seq
             LIMIT ?""";

    private static final String CLAIM_AGED_PICK = """
            SELECT id FROM ${table} candidate
             WHERE ${due} AND updated_at < ?
             ORDER BY updated_at, seq
             LIMIT ?""";

    /**
     * H2: locks the picked rows by primary key and reads those still due. H2 locks every row a
     * locking select's filter accepts before it applies LIMIT, so the filter names the rows; a row
     * claimed meanwhile by another transaction is waited for and then fails the re-checked filter.
     */
    private static final String CLAIM_LOCK = """
            SELECT ${columns}, event_data FROM ${table} candidate
             WHERE ${due} AND id IN (${ids})
             ORDER BY ${order}
             ${lock}""";

    private static final String CLAIM_UPDATE = """
            UPDATE ${table}
               SET ${claimSet}
             WHERE status = 'pending' AND id IN (${ids})""";

    /**
     * MariaDB and MySQL: the claim of selected rows by their clustered key; by id, each row would
     * first be looked up in the id index.
     */
    private static final String CLAIM_UPDATE_BY_SEQ = """
            UPDATE ${table}
               SET ${claimSet}
             WHERE status = 'pending' AND seq IN (${seqs})""";

    /**
     * MariaDB and MySQL: which of the selected rows must still wait for an earlier unfinished row of
     * their key, read after the claim's locking select (see {@link Claimer.LockThenUpdate}).
     */
    private static final String MUST_WAIT = """
            SELECT candidate.seq FROM ${table} candidate
             WHERE candidate.seq IN (${seqs})
               AND EXISTS (
                   SELECT 1 FROM ${table} earlier
                    WHERE earlier.handler_name = candidate.handler_name
                      AND ${earlierUnfinished}
                      AND earlier.seq < candidate.seq)""";

    private static final String CLAIMED_BY = """
            SELECT id, claim_token FROM ${table} WHERE status = 'processing' AND locked_by = ? AND id IN (${ids})""";

    /** Other databases: the claims of a write as pairs of id and token. */
    private static final String HELD = "status = 'processing' AND (id, claim_token) IN (${claims})";

    /**
     * One claim, bound like one pair. MariaDB plans a single-pair {@code IN} as a row comparison it
     * cannot look up by key: a completion of one entry read every processing row, or the whole table.
     */
    private static final String HELD_ONE = "status = 'processing' AND id = ? AND claim_token = ?";

    private static final String COMPLETE = """
            UPDATE ${table}
               SET status = 'completed', error = NULL, locked_by = NULL, lease_expires_at = NULL, updated_at = ?
             WHERE ${held}""";

    /** Other databases: a completion that removes the entries instead of keeping them as completed. */
    private static final String DELETE_HELD = """
            DELETE FROM ${table}
             WHERE ${held}""";

    private static final String RELEASE = """
            UPDATE ${table}
               SET status = 'pending', attempts = GREATEST(attempts - 1, 0), locked_by = NULL,
                   lease_expires_at = NULL, updated_at = ?
             WHERE ${held}""";

    private static final String SELECT_HELD = """
            SELECT id, claim_token FROM ${table} WHERE ${held} FOR UPDATE""";

    private static final String EXTEND = """
            UPDATE ${table} SET lease_expires_at = ? WHERE ${held}""";

    private static final String RESCHEDULE = """
            UPDATE ${table}
               SET status = 'pending', next_retry_at = ?, error = ?, locked_by = NULL, lease_expires_at = NULL,
                   updated_at = ?
             WHERE id = ? AND claim_token = ? AND status = 'processing'""";

    /**
     * PostgreSQL: the reschedule, which also notifies the other nodes (last parameter, the channel)
     * when it moved a foreground entry, so that they learn its due time from their next claim. One
     * statement, one round trip; the notification is delivered when it commits.
     */
    private static final String RESCHEDULE_NOTIFY = """
            WITH rescheduled AS (
                UPDATE ${table}
                   SET status = 'pending', next_retry_at = ?, error = ?, locked_by = NULL, lease_expires_at = NULL,
                       updated_at = ?
                 WHERE id = ? AND claim_token = ? AND status = 'processing'
                RETURNING is_background)
            SELECT COUNT(*) AS rescheduled,
                   (SELECT COUNT(pg_notify(?, '')) FROM rescheduled WHERE NOT is_background) AS notified
              FROM rescheduled""";

    /** A claim by a dispatcher that found the attempts used up counted one too many: undone here. */
    private static final String FAIL = """
            UPDATE ${table}
               SET status = 'failed', error = ?, attempts = LEAST(attempts, max_attempts), locked_by = NULL,
                   lease_expires_at = NULL, updated_at = ?
             WHERE id = ? AND claim_token = ? AND status = 'processing'""";

    /** Failing for good and parking: the row no longer holds back the later rows of its key. */
    private static final String PARK = """
            UPDATE ${table}
               SET status = 'failed', error = ?, attempts = LEAST(attempts, max_attempts), locked_by = NULL,
                   lease_expires_at = NULL, updated_at = ?, ordering_key = NULL
             WHERE id = ? AND claim_token = ? AND status = 'processing'""";

    /** Keys held back by a failed row: only the first unfinished row of a key can fail, so one row per key. */
    private static final String COUNT_BLOCKED = """
            SELECT COUNT(*) FROM ${table} WHERE status = 'failed' AND ordering_key IS NOT NULL""";

    private static final String SELECT_EXPIRED = """
            SELECT ${columns} FROM ${table}
             WHERE status = 'processing' AND lease_expires_at < ?
             ORDER BY lease_expires_at, seq
             LIMIT ?
             ${lock}""";

    private static final String RECOVER = """
            UPDATE ${table}
               SET status = 'pending', next_retry_at = NULL, error = ?, locked_by = NULL, lease_expires_at = NULL,
                   updated_at = ?
             WHERE id = ? AND status = 'processing'""";

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

    // When the longest-waiting due entry became due: the later of when it became pending
    // (updated_at of a pending row) and its retry time.
    private static final String OLDEST_DUE = """
            SELECT MIN(CASE WHEN next_retry_at IS NOT NULL AND next_retry_at > updated_at
                            THEN next_retry_at ELSE updated_at END) AS due_since
              FROM ${table}
             WHERE status = 'pending' AND (next_retry_at IS NULL OR next_retry_at <= ?)""";

    // The next retry or delayed entry a loop could claim; it reads only pending rows (the claim index's).
    /**
     * The first due time after the claim, read in due order from the due index, which stops at the
     * first row of one of the handlers however many delayed entries wait further on.
     */
    private static final String NEXT_DUE = """
            SELECT next_retry_at AS next_due FROM ${table}
             WHERE status = 'pending' AND is_background = ? AND handler_name IN (${handlers})
                   AND next_retry_at > ?
             ORDER BY next_retry_at
             LIMIT 1""";

    private static final String PING = """
            SELECT COUNT(*) FROM ${table} WHERE 1 = 0""";

    private static final String FIND_FAILED = """
            SELECT ${columns} FROM ${table} WHERE status = 'failed' ORDER BY updated_at, seq LIMIT ?""";

    /** A prefix match: the pattern escapes {@code %}, {@code _} and {@code !} with {@code !}. */
    private static final String FIND_FAILED_WITH_ERROR = """
            SELECT ${columns} FROM ${table} WHERE status = 'failed' AND error LIKE ? ESCAPE '!' \
            ORDER BY updated_at, seq LIMIT ?""";

    private static final String FIND_BY_EVENT_ID = """
            SELECT ${columns} FROM ${table} WHERE event_id = ? ORDER BY created_at, seq""";

    /** The entries of an event found through the table of entries by event and the primary key. */
    private static final String FIND_BY_EVENT_ID_APART = """
            SELECT ${columns} FROM ${table}
             WHERE id IN (SELECT entry_id FROM ${table}_by_event WHERE event_id = ?)
             ORDER BY created_at, seq""";

    /** Sizes up to this are cached; larger lists are rendered per call. */
    private static final int MAX_CACHED_SIZE = 1024;

    private final SqlDialect dialect;
    private final String table;
    private final boolean keepCompleted;
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, String>> sized = new ConcurrentHashMap<>();
    /** H2's claim locks, by {@link #claimLockKey}: built on every claim, so the key is a number. */
    private final ConcurrentHashMap<Integer, ConcurrentHashMap<Integer, String>> claimLocks = new ConcurrentHashMap<>();

    /** {@code keepCompleted}: whether a completion keeps its entries, as completed, or deletes them. */
    QueueStatements(SqlDialect dialect, String table, boolean keepCompleted) {
        this.dialect = dialect;
        this.table = table;
        this.keepCompleted = keepCompleted;
    }

    /**
     * A completion's time, its statements' first parameter: {@code now}, or {@code null} when
     * completed entries are deleted and the statements take no time.
     */
    Instant completionTime(Instant now) {
        return keepCompleted ? now : null;
    }

    String table() {
        return table;
    }

    /** An insert of {@code rows} entries skipping existing {@code (event_id, handler_name)} pairs. */
    String insert(int rows) {
        return cached("insert", rows, n -> dialect.insertEntries(table, INSERT_COLUMNS, INSERT_ROW, n));
    }

    /**
     * PostgreSQL's insert of any number of rows bound as arrays, one per column of
     * {@link #INSERT_COLUMNS}, then the NOTIFY channel (or null for none).
     */
    String insertArrays() {
        return fixed(INSERT_ARRAYS);
    }

    /** PostgreSQL: a COPY of new rows in text format, columns as in {@link #INSERT_COLUMNS}. */
    String copyIn() {
        return "COPY " + table + " (" + INSERT_COLUMNS + ") FROM STDIN";
    }

    /** PostgreSQL: a COPY of new rows of the entries by event: event id, handler name, entry id. */
    String copyInByEvent() {
        return "COPY " + table + "_by_event (event_id, handler_name, entry_id) FROM STDIN";
    }

    /** PostgreSQL: the settings of a claim's transaction (see {@link #CLAIM_SETTINGS}). */
    String claimSettings() {
        return CLAIM_SETTINGS;
    }

    String claimReturning(int handlers) {
        return withList(CLAIM_RETURNING, "${handlers}", handlers);
    }

    String claimAgedReturning(int handlers) {
        return withList(CLAIM_AGED_RETURNING, "${handlers}", handlers);
    }

    String claimSelect(int handlers) {
        return withList(CLAIM_SELECT, "${handlers}", handlers);
    }

    String claimAgedSelect(int handlers) {
        return withList(CLAIM_AGED_SELECT, "${handlers}", handlers);
    }

    String claimPick(int handlers) {
        return withList(CLAIM_PICK, "${handlers}", handlers);
    }

    String claimAgedPick(int handlers) {
        return withList(CLAIM_AGED_PICK, "${handlers}", handlers);
    }

    /**
     * The lock of {@code ids} picked rows among those of {@code handlers}, in claim order, or in
     * the order rows became pending when {@code aged}.
     */
    String claimLock(int handlers, int ids, boolean aged) {
        String order = aged ? "updated_at, seq" : "priority, created_at, seq";
        return cached(
                claimLocks,
                claimLockKey(handlers, aged),
                ids,
                n -> render(CLAIM_LOCK)
                        .replace("${order}", order)
                        .replace("${handlers}", placeholders(handlers))
                        .replace("${ids}", placeholders(n)));
    }

    /** One key for each pair of handler count (at least 1) and order. */
    private static int claimLockKey(int handlers, boolean aged) {
        return 2 * handlers + (aged ? 1 : 0);
    }

    String claimUpdate(int ids) {
        return withList(CLAIM_UPDATE, "${ids}", ids);
    }

    String claimUpdateBySeq(int rows) {
        return withList(CLAIM_UPDATE_BY_SEQ, "${seqs}", rows);
    }

    String mustWait(int rows) {
        return withList(MUST_WAIT, "${seqs}", rows);
    }

    String claimedBy(int ids) {
        return withList(CLAIMED_BY, "${ids}", ids);
    }

    /** Completion of claims bound as two arrays (PostgreSQL). */
    String completeAny() {
        return fixed(keepCompleted ? COMPLETE_ANY : DELETE_HELD_ANY);
    }

    /** Release of claims bound as two arrays (PostgreSQL). */
    String releaseAny() {
        return fixed(RELEASE_ANY);
    }

    /** Lease renewal of claims bound as two arrays, returning those still held (PostgreSQL). */
    String extendAny() {
        return fixed(EXTEND_ANY);
    }

    String complete(int claims) {
        return withClaims(keepCompleted ? COMPLETE : DELETE_HELD, claims);
    }

    String release(int claims) {
        return withClaims(RELEASE, claims);
    }

    String selectHeld(int claims) {
        return withClaims(SELECT_HELD, claims);
    }

    String extend(int claims) {
        return withClaims(EXTEND, claims);
    }

    String reschedule() {
        return fixed(RESCHEDULE);
    }

    String rescheduleAndNotify() {
        return fixed(RESCHEDULE_NOTIFY);
    }

    String fail() {
        return fixed(FAIL);
    }

    String park() {
        return fixed(PARK);
    }

    String countBlocked() {
        return fixed(COUNT_BLOCKED);
    }

    String selectExpired() {
        return fixed(SELECT_EXPIRED);
    }

    String recover() {
        return fixed(RECOVER);
    }

    String selectFailedForRetry() {
        return fixed(SELECT_FAILED_FOR_RETRY);
    }

    String retryFailed(int ids) {
        return withList(RETRY_FAILED, "${ids}", ids);
    }

    String selectCompletedBefore() {
        return fixed(SELECT_COMPLETED_BEFORE);
    }

    String deleteCompleted(int ids) {
        return withList(DELETE_COMPLETED, "${ids}", ids);
    }

    String countByStatus() {
        return cached("countByStatus", 0, n -> dialect.countByStatus(table));
    }

    String oldestDue() {
        return fixed(OLDEST_DUE);
    }

    String nextDue(int handlers) {
        return withList(NEXT_DUE, "${handlers}", handlers);
    }

    String findFailed() {
        return fixed(FIND_FAILED);
    }

    String findFailedWithError() {
        return fixed(FIND_FAILED_WITH_ERROR);
    }

    /** A query that fails unless the table exists and the database answers. */
    String ping() {
        return fixed(PING);
    }

    String findByEventId() {
        return fixed(dialect.keepsEntriesByEventApart() ? FIND_BY_EVENT_ID_APART : FIND_BY_EVENT_ID);
    }

    private String fixed(String template) {
        return cached(template, 0, n -> render(template));
    }

    private String withClaims(String template, int count) {
        return cached(
                template,
                count,
                n -> n == 1
                        ? render(template.replace("${held}", HELD_ONE))
                        : render(template).replace("${claims}", pairs(n)));
    }

    private String withList(String template, String placeholder, int count) {
        return cached(template, count, n -> render(template).replace(placeholder, placeholders(n)));
    }

    private String cached(String key, int size, IntFunction<String> renderer) {
        return cached(sized, key, size, renderer);
    }

    private static <K> String cached(
            ConcurrentHashMap<K, ConcurrentHashMap<Integer, String>> cache,
            K key,
            int size,
            IntFunction<String> renderer) {
        if (size > MAX_CACHED_SIZE) {
            return renderer.apply(size);
        }
        return cache.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).computeIfAbsent(size, renderer::apply);
    }

    private String render(String template) {
        boolean computed = dialect.claimsByComputedColumns();
        return template.replace("${due}", DUE_FILTER)
                .replace("${pendingIn}", computed ? PENDING_IN_COMPUTED : PENDING_IN)
                .replace("${earlierUnfinished}", computed ? EARLIER_UNFINISHED_COMPUTED : EARLIER_UNFINISHED)
                .replace("${claimSet}", CLAIM_SET)
                .replace("${claimsAny}", CLAIMS_ANY)
                .replace("${claimsSource}", CLAIMS_SOURCE)
                .replace("${heldAny}", HELD_ANY)
                .replace("${held}", HELD)
                .replace("${insertColumns}", INSERT_COLUMNS)
                .replace("${columns}", ENTRY_COLUMNS)
                .replace("${table}", table)
                .replace("${lock}", dialect.lockRows());
    }

    /** {@code ?, ?, ?} for {@code count} values. */
    static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        return "?" + ", ?".repeat(count - 1);
    }

    /** {@code (?, ?), (?, ?)} for {@code count} pairs. */
    static String pairs(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        return "(?, ?)" + ", (?, ?)".repeat(count - 1);
    }
}
