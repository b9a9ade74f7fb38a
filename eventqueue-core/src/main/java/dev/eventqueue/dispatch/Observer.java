package dev.eventqueue.dispatch;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One observer on the dispatcher's single observer path ({@link Listeners}): the audit trail, or
 * an application's {@link EventQueueListener}. Each callback carries what the dispatcher knows at
 * that point; an observer takes what it needs (a listener its public callbacks, the audit trail
 * its records). Same threading contract as {@link EventQueueListener}; all methods do nothing by
 * default.
 */
interface Observer {

    /** A publish's entries are visible: the whole publish, before its events one by one. */
    default void enqueued(Publication publication) {}

    /** An event of a visible publish; {@code entries} entries were enqueued for it. */
    default void published(DomainEvent event, int entries) {}

    default void claimed(Loop loop, int count) {}

    default void started(ClaimedEntry entry, Duration sinceEnqueue) {}

    /**
     * Whether this observer reads the {@code sinceEnqueue} of {@link #started} and the {@code took}
     * of {@link #completed}; when no observer does, they are not measured (a clock read and up to
     * three objects per delivery) and passed as {@code null}.
     */
    default boolean readsDurations() {
        return true;
    }

    /**
     * A handler call succeeded.
     *
     * @param stored whether its completion is in the store already (committed with a transactional
     *     handler's work); otherwise it follows in a batch, see {@link #completionsStored}
     */
    default void completed(ClaimedEntry entry, Duration took, boolean stored) {}

    /** A batch of completions was written to the store at {@code at}. */
    default void completionsStored(List<ClaimedEntry> entries, Instant at) {}

    /** A failed attempt will be tried again; {@code error} is the text stored with the entry. */
    default void retryScheduled(
            ClaimedEntry entry, Duration took, Exception failure, String error, Instant nextRetryAt) {}

    /** An entry failed for good; {@code error} is the text stored with the entry. */
    default void failed(ClaimedEntry entry, Duration took, Exception failure, String error) {}

    default void pollError(Loop loop, Exception error) {}

    /** An application's listener on the observer path: its public callbacks, nothing more. */
    static Observer of(EventQueueListener listener) {
        return new Observer() {
            @Override
            public void published(DomainEvent event, int entries) {
                listener.onPublished(event, entries);
            }

            @Override
            public void claimed(Loop loop, int count) {
                listener.onClaimed(loop, count);
            }

            @Override
            public void started(ClaimedEntry entry, Duration sinceEnqueue) {
                listener.onStarted(entry, sinceEnqueue);
            }

            @Override
            public void completed(ClaimedEntry entry, Duration took, boolean stored) {
                listener.onCompleted(entry, took);
            }

            @Override
            public void retryScheduled(
                    ClaimedEntry entry, Duration took, Exception failure, String error, Instant nextRetryAt) {
                listener.onRetryScheduled(entry, took, failure, nextRetryAt);
            }

            @Override
            public void failed(ClaimedEntry entry, Duration took, Exception failure, String error) {
                listener.onFailed(entry, took, failure);
            }

            @Override
            public void pollError(Loop loop, Exception error) {
                listener.onPollError(loop, error);
            }

            @Override
            public String toString() {
                return listener.getClass().getName();
            }
        };
    }
}
