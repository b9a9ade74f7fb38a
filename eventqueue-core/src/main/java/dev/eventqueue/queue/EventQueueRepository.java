package dev.eventqueue.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Storage SPI of the event queue. Implementations: {@link InMemoryEventQueueRepository} and the
 * JDBC repository in {@code eventqueue-jdbc}; a user may write another, and check it with the
 * contract suites of {@code eventqueue-test}.
 *
 * <p>Every method is thread-safe and may be called by several dispatchers at once, in one JVM
 * or many, sharing the same store. Each method is atomic on its own: it either takes effect
 * wholly or not at all.
 *
 * <p><b>Time.</b> The store owns the time: every instant a dispatcher passes in (claim time, lease
 * expiry, retry due time, recovery and cleanup cutoffs) is read from {@link #clock()}, so the
 * clocks of the applications sharing a store may drift apart without effect. A database store's
 * clock is the database's.
 *
 * <p><b>Fencing.</b> Every claim of an entry gives it a new claim token. {@link #complete},
 * {@link #reschedule}, {@link #fail}, {@link #release} and {@link #extendLeases} name the claim
 * ({@link ClaimRef}) and act only on an entry that is still {@code processing} under that very
 * claim; a worker whose lease lapsed and whose entry was claimed again (by another node or by its
 * own) changes nothing. Each of them clears the owner and lease expiry of the entries it moves out
 * of {@code processing}.
 */
public interface EventQueueRepository {

    /**
     * The store's clock: the time every lease, due time and cutoff is judged by. The default is
     * the system clock; a database store returns the database's clock.
     */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Called by each dispatcher built on this store, once, before it publishes or claims. A store
     * shared by several dispatchers gets one call from each. The dispatcher owns the event types:
     * a store reads events back with {@code context.eventTypes()} (with all of them, when several
     * dispatchers share it; see {@link dev.eventqueue.serialization.EventTypeRegistry#and}) and
     * keeps no registry of its own.
     */
    default void attach(RepositoryContext context) {}

    /**
     * Checks that this store can read events of {@code eventClass} back (a store that keeps events
     * as objects always can). The dispatcher calls it for every class it registers and for each
     * class on its first publish.
     *
     * @throws IllegalArgumentException when the store could not read such events back, saying how
     *     to change the class
     */
    default void requireReadable(Class<? extends dev.eventqueue.domain.DomainEvent> eventClass) {}

    /**
     * Inserts entries as {@code pending} with zero attempts, due at their {@code dueAt}. An entry
     * whose {@code (eventId, handlerName)} already exists is skipped silently.
     *
     * @return how many entries were inserted
     * @throws IllegalArgumentException when an event is larger than the payload limit or cannot be
     *     stored; then nothing of the call is enqueued
     */
    int enqueue(List<NewQueueEntry> entries);

    /**
     * Atomically claims up to {@code request.limit()} due entries: {@code pending}, with
     * {@code nextRetryAt} empty or not after {@code now}, of the requested loop and handlers;
     * entries due since before {@code agedBefore} first, oldest first; then lowest priority number
     * first, then oldest first. An entry with an ordering key is claimed only when no entry of its
     * handler with the same key was enqueued before it and is still {@code pending},
     * {@code processing} or {@code failed} (unless {@linkplain #park parked}): so the entries of one
     * key start one at a time, in enqueue order, and a failed one holds back the later ones until
     * it is retried or deleted. Each claimed entry becomes {@code processing} with the owner, the lease
     * expiry, a new claim token and one more attempt counted. No entry is returned to two callers.
     *
     * @return the claimed entries in claim order; an entry whose event cannot be read is returned
     *     with a {@link ClaimedEntry#payloadError()} instead of an event
     */
    List<ClaimedEntry> claim(ClaimRequest request);

    /**
     * When the next entry the caller could claim falls due: the earliest {@code nextRetryAt} after
     * {@code after} among {@code pending} entries of the given loop and handlers. A dispatcher asks
     * after a claim that found fewer entries than it wanted, passing that claim's {@code now}, and
     * sleeps until then (or its next poll, whichever comes first), so that retries and delayed
     * events start on time. The answer may already be past: an entry that fell due since the claim.
     *
     * <p>The default returns {@code null}: the dispatcher then finds such entries at its next poll.
     *
     * @return the earliest future due time, or {@code null} when none is pending (or the store
     *     cannot tell)
     */
    default Instant nextDueAt(Set<String> handlerNames, Loop loop, Instant after) {
        return null;
    }

    /**
     * Marks entries {@code completed} (clearing the lease).
     *
     * @return how many of the claims were still held
     */
    int complete(Collection<ClaimRef> claims, Instant now);

    /**
     * Returns an entry to {@code pending}, due at {@code nextRetryAt}, recording the error; the
     * attempt stays counted.
     *
     * @return whether the claim was still held
     */
    boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now);

    /**
     * Marks an entry {@code failed} for good, recording the error.
     *
     * @return whether the claim was still held
     */
    boolean fail(ClaimRef claim, String error, Instant now);

    /**
     * Marks an entry {@code failed} for good like {@link #fail}, and parks it: it no longer holds
     * back the later entries of its ordering key (a retry by hand runs it without order). A store
     * that orders entries by key must override this; the default, for stores that do not, is
     * {@link #fail}.
     *
     * @return whether the claim was still held
     */
    default boolean park(ClaimRef claim, String error, Instant now) {
        return fail(claim, error, now);
    }

    /**
     * How many ordering keys (per handler) are held back by a failed entry that waits for an
     * operator: the blocked aggregates. Zero for stores that do not order entries.
     */
    default long countBlockedOrderingKeys() {
        return 0;
    }

    /**
     * Gives back entries that were claimed but never started: {@code pending} again, with the
     * attempt the claim counted taken back.
     *
     * @return how many were released
     */
    int release(Collection<ClaimRef> claims, Instant now);

    /**
     * Moves the lease expiry of the given claims to {@code leaseUntil}: the heartbeat that keeps
     * running handlers' entries from being taken over.
     *
     * @return the claims that were still held (and are now extended); the others were lost
     */
    Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now);

    /**
     * Recovers entries whose lease expired before {@code now} (their worker died or hung):
     * {@code pending} again, due at once. An entry whose attempts are used up keeps them used up,
     * with an error saying the worker was lost; its next claim has {@code attempt > maxAttempts},
     * so that the dispatcher that claims it runs only the handler's failure callback and marks it
     * {@code failed}.
     *
     * @return the recovered entries as they are now
     */
    List<QueueEntry> releaseExpiredLeases(Instant now);

    /** Counts entries by status across the whole queue. */
    QueueCounts countByStatus();

    /**
     * When the longest-waiting due entry became due: the earliest of its due time (its retry
     * time, or when it was last made pending) over {@code pending} entries due at {@code now}.
     *
     * @return {@code null} when nothing is due
     */
    Instant oldestDueSince(Instant now);

    /** Failed entries, oldest failure first. */
    List<QueueEntry> findFailed(int limit);

    /**
     * Failed entries whose error starts with {@code errorPrefix} (compared as is, case and all),
     * oldest failure first: for example the entries that could not be read,
     * {@link QueueEntry#UNREADABLE_ERROR_PREFIX}. This default filters {@link #findFailed(int)}
     * over every failed entry; stores override it with a query.
     */
    default List<QueueEntry> findFailed(int limit, String errorPrefix) {
        java.util.Objects.requireNonNull(errorPrefix, "errorPrefix");
        return findFailed(Integer.MAX_VALUE).stream()
                .filter(entry -> entry.error() != null && entry.error().startsWith(errorPrefix))
                .limit(limit)
                .toList();
    }

    /** The entries of one event the store still has, oldest first. */
    List<QueueEntry> findByEventId(UUID eventId);

    /**
     * Returns up to {@code limit} failed entries, oldest failure first, to {@code pending} with
     * attempts reset to zero and the error kept for reference.
     *
     * @return the retried entries as they are now
     */
    List<QueueEntry> retryFailed(int limit, Instant now);

    /**
     * Deletes up to {@code limit} {@code completed} entries last updated before {@code cutoff}.
     *
     * @return the deleted entries
     */
    List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit);

    /**
     * A page of the entries matching {@code filter}, oldest created first (then in enqueue order).
     * A store that forgets completed entries (in memory) finds none of them.
     *
     * @param offset how many matching entries to skip, 0 or more
     * @param limit  the page size, 1 or more
     */
    EntryPage findEntries(EntryFilter filter, int offset, int limit);

    /** How many entries match {@code filter}. */
    long countEntries(EntryFilter filter);

    /** One entry whole (state, stored event, headers), or empty when the store has no such entry. */
    Optional<StoredEntry> findEntry(UUID entryId);

    /**
     * Like {@link #retryFailed(int, Instant)} for the failed entries matching {@code filter} only:
     * up to {@code limit} of them, oldest failure first, back to {@code pending} with attempts reset
     * to zero. Entries in other statuses are never touched, whatever the filter says.
     *
     * @return the retried entries as they are now
     */
    List<QueueEntry> retryFailed(EntryFilter filter, int limit, Instant now);

    /**
     * Deletes up to {@code limit} entries matching {@code filter}, oldest change first. An entry that
     * is {@code processing} is never deleted: a worker holds it.
     *
     * @return the deleted entries as they were
     * @throws IllegalArgumentException when the filter does not name its statuses, or names
     *     {@code processing}
     */
    List<QueueEntry> deleteEntries(EntryFilter filter, int limit);

    /** How many entries in {@code status} each handler has (handlers with none are left out). */
    Map<String, Long> countByHandler(EntryStatus status);

    /**
     * Records that a dispatcher runs, and which handlers: replaces what the same owner announced
     * before. Called by every running dispatcher's housekeeping.
     */
    void recordHeartbeat(NodeHeartbeat node);

    /** Forgets a dispatcher that stopped. */
    void removeNode(String owner);

    /** The dispatchers that count as running at {@code now} (their {@code aliveUntil} not passed). */
    List<NodeHeartbeat> nodesAliveAt(Instant now);

    /**
     * Calls {@code listener} (on any thread, quickly) when entries may have been enqueued by
     * another dispatcher on this store, so that it claims without waiting for its next poll.
     */
    default WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        return WakeUpSubscription.NONE;
    }

    /**
     * Runs {@code action} once the entries just enqueued on this thread are visible to other
     * transactions: at once, or after the caller's transaction commits when the enqueue joined one.
     */
    default void afterEnqueueVisible(Runnable action) {
        action.run();
    }

    /**
     * The store's own threads that should be running and have stopped, by role, each with what
     * ended it (the thread's name and the error): a store that runs threads of its own and lets
     * one end reports it here, and the dispatcher's health is {@code DOWN} while any is listed.
     * Asked on every health check, so it must answer from memory. The default lists none.
     */
    default Map<String, String> stoppedThreads() {
        return Map.of();
    }

    /** Checks that the store answers; throws when it does not. */
    default void ping() {
        countByStatus();
    }
}
