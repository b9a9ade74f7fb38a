package dev.eventqueue.dispatch;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.DeliveryOutcome;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every registered interceptor in order, nesting their scopes (the first one's is
 * outermost), and isolates their failures.
 */
public final class Interceptors {

    private static final Logger LOG = LoggerFactory.getLogger(Interceptors.class);

    public static final Interceptors NONE = new Interceptors(List.of());

    private final EventQueueInterceptor[] interceptors;

    public Interceptors(List<EventQueueInterceptor> interceptors) {
        this.interceptors = interceptors.toArray(new EventQueueInterceptor[0]);
    }

    boolean isEmpty() {
        return interceptors.length == 0;
    }

    EventQueueInterceptor.PublishScope onPublish(DomainEvent event, String handlerName, Map<String, String> headers) {
        if (interceptors.length == 1) {
            return publishScopeOf(interceptors[0], event, handlerName, headers);
        }
        EventQueueInterceptor.PublishScope[] scopes = new EventQueueInterceptor.PublishScope[interceptors.length];
        for (int i = 0; i < interceptors.length; i++) {
            scopes[i] = publishScopeOf(interceptors[i], event, handlerName, headers);
        }
        return error -> {
            for (int i = scopes.length - 1; i >= 0; i--) {
                endQuietly(scopes[i], error);
            }
        };
    }

    EventQueueInterceptor.DeliveryScope onDelivery(ClaimedEntry entry, Duration queueWait) {
        if (interceptors.length == 1) {
            return deliveryScopeOf(interceptors[0], entry, queueWait);
        }
        EventQueueInterceptor.DeliveryScope[] scopes = new EventQueueInterceptor.DeliveryScope[interceptors.length];
        for (int i = 0; i < interceptors.length; i++) {
            scopes[i] = deliveryScopeOf(interceptors[i], entry, queueWait);
        }
        return (outcome, error) -> {
            for (int i = scopes.length - 1; i >= 0; i--) {
                endQuietly(scopes[i], outcome, error);
            }
        };
    }

    static void endQuietly(EventQueueInterceptor.PublishScope scope, Throwable error) {
        try {
            scope.end(error);
        } catch (Throwable e) { // an observer must never break a publish
            LOG.warn("Interceptor scope {} threw {}", scope.getClass().getName(), e.toString());
        }
    }

    static void endQuietly(EventQueueInterceptor.DeliveryScope scope, DeliveryOutcome outcome, Throwable error) {
        try {
            scope.end(outcome, error);
        } catch (Throwable e) { // an observer must never break a delivery
            LOG.warn("Interceptor scope {} threw {}", scope.getClass().getName(), e.toString());
        }
    }

    private static EventQueueInterceptor.PublishScope publishScopeOf(
            EventQueueInterceptor interceptor, DomainEvent event, String handlerName, Map<String, String> headers) {
        try {
            EventQueueInterceptor.PublishScope scope = interceptor.onPublish(event, handlerName, headers);
            return scope == null ? EventQueueInterceptor.PublishScope.NONE : scope;
        } catch (Throwable e) {
            LOG.warn(
                    "Interceptor {} threw {} at publish", interceptor.getClass().getName(), e.toString());
            return EventQueueInterceptor.PublishScope.NONE;
        }
    }

    private static EventQueueInterceptor.DeliveryScope deliveryScopeOf(
            EventQueueInterceptor interceptor, ClaimedEntry entry, Duration queueWait) {
        try {
            EventQueueInterceptor.DeliveryScope scope = interceptor.onDelivery(entry, queueWait);
            return scope == null ? EventQueueInterceptor.DeliveryScope.NONE : scope;
        } catch (Throwable e) {
            LOG.warn(
                    "Interceptor {} threw {} at delivery",
                    interceptor.getClass().getName(),
                    e.toString());
            return EventQueueInterceptor.DeliveryScope.NONE;
        }
    }
}
