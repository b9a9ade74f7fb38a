package dev.eventqueue.monitoring;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import java.time.Duration;
import java.time.Instant;

/**
 * Observes a dispatcher: the seam for metrics, tracing and test synchronisation. Every method has
 * a no-op default, so new ones can be added without breaking implementations. Methods are called
 * on publishing, polling and worker threads; they must be fast, thread-safe and must not throw
 * (exceptions are logged and ignored).
 */
public interface EventQueueListener {

    /** An event was published; {@code entries} entries were enqueued for it (0 when no handler accepted it). */
    default void onPublished(DomainEvent event, int entries) {}

    /** A loop claimed {@code count} entries (only called when {@code count > 0}). */
    default void onClaimed(Loop loop, int count) {}

    /** A handler call is about to start; {@code sinceEnqueue} is the time since the entry was enqueued. */
    default void onStarted(ClaimedEntry entry, Duration sinceEnqueue) {}

    /** A handler call succeeded. */
    default void onCompleted(ClaimedEntry entry, Duration duration) {}

    /** A handler call failed and will be tried again at {@code nextRetryAt}. */
    default void onRetryScheduled(ClaimedEntry entry, Duration duration, Exception error, Instant nextRetryAt) {}

    /** An entry failed for good: no attempts left, retries disabled, or its event could not be read. */
    default void onFailed(ClaimedEntry entry, Duration duration, Exception error) {}

    /** A loop could not claim (for example the database is unreachable); it will try again. */
    default void onPollError(Loop loop, Exception error) {}
}
