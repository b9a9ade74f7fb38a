package dev.eventqueue.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attributes: OpenTelemetry's messaging conventions where one applies, eventqueue's own
 * (prefixed {@code eventqueue.}) for the rest.
 */
public final class MessagingAttributes {

    /** The value of {@link #MESSAGING_SYSTEM}. */
    public static final String SYSTEM = "eventqueue";

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    /** {@code send} at publish, {@code process} at delivery. */
    public static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
            AttributeKey.stringKey("messaging.operation.type");
    /** {@code publish} or {@code process}. */
    public static final AttributeKey<String> MESSAGING_OPERATION_NAME =
            AttributeKey.stringKey("messaging.operation.name");
    /** The handler's name: each handler has its own queue of entries. */
    public static final AttributeKey<String> MESSAGING_DESTINATION_NAME =
            AttributeKey.stringKey("messaging.destination.name");
    /** The event id: the same for every handler's entry of one event. */
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    /** The exception class of a failed attempt. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("eventqueue.event_type");
    public static final AttributeKey<String> ENTRY_ID = AttributeKey.stringKey("eventqueue.entry_id");
    /** 1 on the first try. */
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("eventqueue.attempt");
    /** {@code completed}, {@code retry_scheduled}, {@code failed} or {@code abandoned}. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("eventqueue.outcome");
    /** Milliseconds from enqueue to the start of this attempt (retry delays included). */
    public static final AttributeKey<Long> WAIT_MS = AttributeKey.longKey("eventqueue.wait_ms");
    /** True on a retry or a redrive by hand: the span is a new trace linked to the publish. */
    public static final AttributeKey<Boolean> REDELIVERY = AttributeKey.booleanKey("eventqueue.redelivery");

    private MessagingAttributes() {}
}
