package dev.eventqueue.handler;

import dev.eventqueue.domain.DomainEvent;
import java.time.Duration;

/**
 * What the dispatcher calls to deliver an event. Most handlers extend {@link EventHandlerBase}
 * or {@link MultiEventHandlerBase}; implementing this interface directly is for adapters.
 *
 * <p>The dispatcher reads {@link #getName()}, {@link #getPriority()}, {@link #isBackground()},
 * {@link #getMaxRetries()} and {@link #getRetryDelay()} at publish time and stores them with each
 * queue entry, so they must be constant for a handler instance. Calls to {@link #deliver} may come
 * from several worker threads at once; handlers must be thread-safe.
 *
 * @param <E> the event type this handler accepts
 */
public interface EventHandler<E extends DomainEvent> {

    /** The timeout of handlers that do not override {@link #getTimeout()}: five minutes. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** Whether this handler wants the event; called at publish time, must be fast and side-effect free. */
    boolean canHandle(DomainEvent event);

    /**
     * Runs the handler for one attempt. Any exception fails the attempt; the dispatcher then
     * retries or gives up as configured. {@link EventContext#current()} describes the delivery.
     */
    void deliver(E event) throws Exception;

    /**
     * Called once when an entry has failed for good (no attempts left, or retries disabled),
     * on the worker thread, with {@link EventContext} still describing the delivery. Exceptions
     * thrown here are logged and otherwise ignored.
     */
    default void deliveryFailed(E event, Exception error, int attemptNumber) {}

    /** Stored as {@code handler_name}; unique per dispatcher and stable across releases. */
    default String getName() {
        return getClass().getName();
    }

    /** Lower numbers are claimed first. */
    default int getPriority() {
        return 100;
    }

    /** Background entries are claimed by the slower background loop. */
    default boolean isBackground() {
        return false;
    }

    /** Attempts per entry are {@code getMaxRetries() + 1}. */
    default int getMaxRetries() {
        return 3;
    }

    /** Delay before the next attempt after a failure (the base delay when backoff is exponential). */
    default Duration getRetryDelay() {
        return Duration.ofSeconds(1);
    }

    /**
     * This handler's own backoff between attempts, or {@code null} (the default) to keep the
     * dispatcher's: {@link #getRetryDelay()} fixed, or growing exponentially when
     * {@code EVENT_QUEUE_RETRY_BACKOFF=EXPONENTIAL}. When set, it replaces {@link #getRetryDelay()}.
     */
    default Backoff getRetryBackoff() {
        return null;
    }

    /**
     * The most calls of this handler that may run at once on one dispatcher (node); 0 or less
     * (the default) for no cap of its own beyond {@code EVENT_QUEUE_MAX_CONCURRENT}. The cap holds
     * per node: several nodes sharing one database queue may together run this many calls each.
     */
    default int getMaxConcurrency() {
        return 0;
    }

    /**
     * How long one call may run. A call running longer is interrupted and counts as a failed
     * attempt whose error names the timeout; a thread that ignores the interrupt is abandoned and
     * replaced. The default is {@link #DEFAULT_TIMEOUT}; for handlers that do not override this
     * method the dispatcher applies {@code EVENT_QUEUE_HANDLER_TIMEOUT} when it is set.
     */
    default Duration getTimeout() {
        return DEFAULT_TIMEOUT;
    }

    /**
     * Whether an attempt that failed with {@code error} may be tried again. {@code false} makes
     * this failure final at once: the entry fails and {@code onFailure} runs once, whatever
     * attempts remain. Called on the worker thread right after the failure.
     */
    default boolean isRetryable(Exception error) {
        return true;
    }

    /**
     * Whether this handler's entries with the same {@link dev.eventqueue.domain.DomainEvent#getAggregateId()}
     * start one at a time, in publish order, across all dispatchers sharing the store. An entry
     * waits while an earlier entry of its aggregate for this handler is pending, running, waiting
     * for a retry or (under {@link OrderingFailurePolicy#BLOCK}) failed; other aggregates go on.
     * Events without an aggregate id are not ordered. Read at publish time.
     */
    default boolean isOrderedByAggregate() {
        return false;
    }

    /**
     * When an ordered entry fails for good: whether its aggregate stays blocked until an operator
     * acts ({@link OrderingFailurePolicy#BLOCK}, the default) or the entry is parked and the
     * aggregate goes on ({@link OrderingFailurePolicy#PARK}). Only read for ordered handlers.
     */
    default OrderingFailurePolicy getOrderingFailurePolicy() {
        return OrderingFailurePolicy.BLOCK;
    }

    /**
     * The concrete event class this handler consumes, so that a node can read such events back
     * from a database even if it never published one. By default resolved from the type argument
     * {@code E}; {@code null} when it is not a concrete class (for example {@link DomainEvent}).
     */
    default Class<? extends DomainEvent> getEventClass() {
        return HandlerTypes.eventClassOf(getClass());
    }
}
