package dev.eventqueue.monitoring;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.util.Map;

/**
 * Wraps publishing and delivery: the seam for tracing. At publish an interceptor may add headers
 * to each entry (a trace context, say), which the store keeps with the entry; at delivery it sees
 * those headers again and wraps the handler call in a scope of its own (a span made current on
 * the worker thread). Both methods have no-op defaults.
 *
 * <p>Methods are called on the publishing and worker threads; they must be fast and thread-safe.
 * An exception thrown by an interceptor is logged and ignored: it never fails a publish or a
 * delivery.
 */
public interface EventQueueInterceptor {

    /**
     * An entry for {@code handlerName} is about to be enqueued for {@code event}, on the
     * publishing thread.
     *
     * @param headers the entry's headers, to add to; stored with the entry and handed back at delivery
     * @return what to tell once the enqueue returned (it may still wait for the caller's commit)
     */
    default PublishScope onPublish(DomainEvent event, String handlerName, Map<String, String> headers) {
        return PublishScope.NONE;
    }

    /**
     * A handler is about to run {@code entry}, on the worker thread that runs it. The scope is
     * ended on the same thread once the attempt's outcome is known, after {@code onFailure} ran
     * when the attempt was the last.
     *
     * @param queueWait how long the entry waited since it was enqueued (retry delays included)
     */
    default DeliveryScope onDelivery(ClaimedEntry entry, Duration queueWait) {
        return DeliveryScope.NONE;
    }

    /** Ends what {@link #onPublish} began. */
    @FunctionalInterface
    interface PublishScope {
        PublishScope NONE = error -> {};

        /** @param error why the enqueue failed, or {@code null} when it succeeded */
        void end(Throwable error);
    }

    /** Ends what {@link #onDelivery} began. */
    @FunctionalInterface
    interface DeliveryScope {
        DeliveryScope NONE = (outcome, error) -> {};

        /** @param error the attempt's failure, or {@code null} when it completed */
        void end(DeliveryOutcome outcome, Throwable error);
    }
}
