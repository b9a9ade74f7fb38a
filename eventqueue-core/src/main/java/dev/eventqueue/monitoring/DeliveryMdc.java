package dev.eventqueue.monitoring;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys the dispatcher sets on the worker thread while a handler runs, so a
 * handler's log lines name the event and handler they belong to (for example
 * {@code %X{eventqueue.event_id}} in a Logback pattern). Previous values are restored afterwards.
 */
public final class DeliveryMdc {

    /** The id of the event being handled. */
    public static final String EVENT_ID = "eventqueue.event_id";
    /** The name of the handler running. */
    public static final String HANDLER = "eventqueue.handler";

    /** Ends a delivery on a thread whose MDC had neither key before: nothing to capture. */
    private static final Scope REMOVE = () -> {
        MDC.remove(EVENT_ID);
        MDC.remove(HANDLER);
    };

    private DeliveryMdc() {}

    /** Puts the delivery's keys; closing the scope restores what was there before. */
    public static Scope put(UUID eventId, String handlerName) {
        String previousEvent = MDC.get(EVENT_ID);
        String previousHandler = MDC.get(HANDLER);
        MDC.put(EVENT_ID, String.valueOf(eventId));
        MDC.put(HANDLER, handlerName);
        if (previousEvent == null && previousHandler == null) {
            return REMOVE;
        }
        return () -> {
            restore(EVENT_ID, previousEvent);
            restore(HANDLER, previousHandler);
        };
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** Ends what {@link #put} began. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
