package dev.eventqueue.spring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;

/**
 * The context of an {@code eventqueue.process} observation. Its carrier is the entry's headers on
 * the first attempt, so any receiving tracing handler continues the publisher's trace; on a retry
 * or a redrive by hand the carrier is empty, so the attempt starts a trace of its own, and {@link
 * #publishHeaders()} still holds the publish's context for a handler that links to it.
 */
public final class DeliveryContext extends ReceiverContext<Map<String, String>> {

    private final boolean redelivery;
    private final Map<String, String> publishHeaders;

    DeliveryContext(boolean redelivery, Map<String, String> publishHeaders) {
        super(Map::get, Kind.CONSUMER);
        this.redelivery = redelivery;
        this.publishHeaders = publishHeaders;
        setCarrier(redelivery ? Map.of() : publishHeaders);
        setRemoteServiceName("eventqueue");
    }

    /** True on a retry or a redrive by hand: not the entry's first delivery. */
    public boolean isRedelivery() {
        return redelivery;
    }

    /** The headers stored with the entry at publish (read-only). */
    public Map<String, String> publishHeaders() {
        return publishHeaders;
    }
}
