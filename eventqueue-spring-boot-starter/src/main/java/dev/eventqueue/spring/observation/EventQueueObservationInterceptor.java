package dev.eventqueue.spring.observation;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.DeliveryOutcome;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.queue.ClaimedEntry;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Micrometer Observations for publishing and handling: {@code eventqueue.publish} (a sender
 * observation whose tracing handler writes the trace context into the entry's headers) and
 * {@code eventqueue.process} (a receiver observation, open on the worker thread while the handler
 * runs). With Micrometer Tracing on the class path (OpenTelemetry or Brave bridge) both become
 * spans and the MDC carries the trace id; with a meter registry they are timed as well.
 *
 * <p>The first attempt continues the publisher's trace. A retry or a redrive by hand starts a new
 * trace, so a retry hours later does not stretch the request's; with Micrometer Tracing, {@link
 * RedeliveryLinkingObservationHandler} links that trace's root to the publish span, and the
 * {@code eventqueue.publish.traceparent} key names the publish whatever the tracer.
 */
public final class EventQueueObservationInterceptor implements EventQueueInterceptor {

    public static final String PUBLISH = "eventqueue.publish";
    public static final String PROCESS = "eventqueue.process";

    private final ObservationRegistry registry;

    public EventQueueObservationInterceptor(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public PublishScope onPublish(DomainEvent event, String handlerName, Map<String, String> headers) {
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
        context.setCarrier(headers);
        context.setRemoteServiceName("eventqueue");
        Observation observation = Observation.createNotStarted(PUBLISH, () -> context, registry)
                .contextualName("publish " + handlerName)
                .lowCardinalityKeyValues(KeyValues.of(
                        "messaging.system", "eventqueue",
                        "messaging.operation.name", "publish",
                        "messaging.operation.type", "send",
                        "messaging.destination.name", handlerName))
                .highCardinalityKeyValue("messaging.message.id", String.valueOf(event.getEventId()))
                .highCardinalityKeyValue("eventqueue.event_type", event.getEventType())
                .start();
        return error -> {
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        };
    }

    @Override
    public DeliveryScope onDelivery(ClaimedEntry entry, Duration queueWait) {
        boolean redelivery = entry.attempt() > 1 || entry.previousError() != null;
        DeliveryContext context = new DeliveryContext(redelivery, entry.headers());
        Observation observation = Observation.createNotStarted(PROCESS, () -> context, registry)
                .contextualName("process " + entry.handlerName())
                .lowCardinalityKeyValues(KeyValues.of(
                        "messaging.system", "eventqueue",
                        "messaging.operation.name", "process",
                        "messaging.operation.type", "process",
                        "messaging.destination.name", entry.handlerName()))
                .highCardinalityKeyValue("messaging.message.id", String.valueOf(entry.eventId()))
                .highCardinalityKeyValue("eventqueue.event_type", String.valueOf(entry.eventType()))
                .highCardinalityKeyValue("eventqueue.entry_id", entry.id().toString())
                .highCardinalityKeyValue("eventqueue.attempt", Integer.toString(entry.attempt()))
                .highCardinalityKeyValue("eventqueue.wait_ms", Long.toString(queueWait.toMillis()));
        String traceparent = entry.headers().get(PublishLink.TRACEPARENT);
        if (redelivery && traceparent != null) {
            observation.highCardinalityKeyValue("eventqueue.publish.traceparent", traceparent);
        }
        observation.start();
        Observation.Scope scope = observation.openScope();
        return (outcome, error) -> {
            try {
                observation.lowCardinalityKeyValue("eventqueue.outcome", outcome.attributeValue());
                if (error != null) {
                    observation.error(error);
                } else if (outcome == DeliveryOutcome.ABANDONED) {
                    observation.error(new IllegalStateException("abandoned after its timeout"));
                }
            } finally {
                scope.close();
                observation.stop();
            }
        };
    }
}
