package dev.eventqueue.queue;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Storage SPI of the event queue. Implementations: {@link InMemoryEventQueueRepository} and the
 * JDBC repository in {@code eventqueue-jdbc}; a user may write another.
 *
 * <p>Every method is thread-safe and may be called by several dispatchers at once, in one JVM
 * or many, sharing the same store. Each method is atomic on its own: it either takes effect
 * wholly or not at all. Times are passed in by the caller (its clock); the store never reads a
 * clock of its own, so dispatchers with a test clock behave deterministically.
 *
 * <p>Ownership: a claim writes an owner and a lease expiry. {@link #complete}, {@link #reschedule},
 * {@link #fail} and {@link #release} act only on entries that are still {@code processing} under
 * the given owner; an entry whose lease expired and was taken over is left alone, so a late worker
 * can never overwrite the new owner's result. Each of them clears the owner and lease expiry of
 * the entries it moves out of {@code processing}.
 *
 * <p>{@code eventqueue-core}'s test-jar holds {@code EventQueueRepositoryContract}, the test suite
 * every implementation must pass.
 */
public interface EventQueueRepository {

    /**
     * Inserts entries as {@code pending} with zero attempts. An entry whose
     * {@code (eventId, handlerName)} already exists is skipped silently.
     *
     * @return how many entries were inserted
     */
    int enqueue(List<NewQueueEntry> entries);

    /**
     * Atomically claims up to {@code request.limit()} due entries: {@code pending}, with
     * {@code nextRetryAt} empty or not after {@code now}, of the requested loop and handlers,
     * lowest priority number first, then oldest first. Each becomes {@code processing} with the
     * owner and lease expiry and one more attempt counted. No entry is returned to two callers.
     *
     * @return the claimed entries in claim order; an entry whose event cannot be read is returned
     *         with a {@link ClaimedEntry#payloadError()} instead of an event
     */
    List<ClaimedEntry> claim(ClaimRequest request);

    /**
     * Marks entries {@code completed} (clearing the lease).
     *
     * @return how many of them this owner still held
     */
    int complete(Collection<UUID> entryIds, String owner, Instant now);

    /**
     * Returns an entry to {@code pending}, due at {@code nextRetryAt}, recording the error.
     *
     * @return whether this owner still held it
     */
    boolean reschedule(UUID entryId, String owner, Instant nextRetryAt, String error, Instant now);

    /**
     * Marks an entry {@code failed} for good, recording the error.
     *
     * @return whether this owner still held it
     */
    boolean fail(UUID entryId, String owner, String error, Instant now);

    /**
     * Gives back entries that were claimed but never started (on shutdown): {@code pending}
     * again, with the attempt the claim counted taken back.
     *
     * @return how many were released
     */
    int release(Collection<UUID> entryIds, String owner, Instant now);

    /**
     * Moves the lease expiry of every entry this owner holds to {@code leaseUntil}: the heartbeat
     * that keeps long handlers' entries from being taken over.
     *
     * @return how many leases were extended
     */
    int extendLeases(String owner, Instant leaseUntil, Instant now);

    /**
     * Recovers entries whose lease expired before {@code now} (their worker died or hung):
     * {@code pending} again if attempts remain, otherwise {@code failed} with an error saying
     * the worker was lost, so an entry that kills its worker cannot loop forever.
     *
     * @return the recovered entries as they are now
     */
    List<QueueEntry> releaseExpiredLeases(Instant now);

    /** Counts entries by status across the whole queue. */
    QueueCounts countByStatus();

    /**
     * When the longest-waiting due entry became due: the earliest of
     * {@code max(createdAt, nextRetryAt)} over {@code pending} entries due at {@code now}.
     *
     * @return {@code null} when nothing is due
     */
    Instant oldestDueSince(Instant now);

    /** Failed entries, oldest failure first. */
    List<QueueEntry> findFailed(int limit);

    /** All entries of one event, oldest first. */
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
     * Tells the store which class an event type name stands for, so that it can read such
     * events back. Stores that keep event objects as they are may ignore it.
     *
     * @param eventType the type name, or {@code null} when only the class is known
     */
    default void registerEventType(Class<? extends DomainEvent> eventClass, String eventType) {}

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
     * Checks that the store answers; throws when it does not.
     */
    default void ping() {
        countByStatus();
    }
}
