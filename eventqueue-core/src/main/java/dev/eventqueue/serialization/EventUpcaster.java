package dev.eventqueue.serialization;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns the stored form of one event type from one version into the next, so that entries written
 * by an older release are read by today's class. Upcasters chain: a row of version 1 read by a
 * class of version 3 passes through the upcasters from 1 and from 2.
 *
 * <p>The payload is the stored JSON object as plain Java values: {@code Map<String, Object>} for
 * objects, {@code List<Object>} for arrays, {@code String}, {@code Number}, {@code Boolean} and
 * {@code null}. An upcaster may change the map it is given and return it. It must not change
 * {@code eventId}. Implementations are thread-safe.
 */
public interface EventUpcaster {

    /** The type name it serves: the current name of the class (not an alias). */
    String eventType();

    /** The version it reads; it returns the payload of {@code fromVersion() + 1}. */
    int fromVersion();

    /** The payload of version {@code fromVersion() + 1}. */
    Map<String, Object> upcast(Map<String, Object> payload);

    /** An upcaster from a function, for example {@code EventUpcaster.of("AnswerUpdated", 1, p -> ...)}. */
    static EventUpcaster of(String eventType, int fromVersion, UnaryOperator<Map<String, Object>> upcast) {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(upcast, "upcast");
        if (fromVersion < 1) {
            throw new IllegalArgumentException("fromVersion must be >= 1, was " + fromVersion);
        }
        return new EventUpcaster() {
            @Override
            public String eventType() {
                return eventType;
            }

            @Override
            public int fromVersion() {
                return fromVersion;
            }

            @Override
            public Map<String, Object> upcast(Map<String, Object> payload) {
                return upcast.apply(payload);
            }

            @Override
            public String toString() {
                return "EventUpcaster[" + eventType + " v" + fromVersion + " -> v" + (fromVersion + 1) + "]";
            }
        };
    }
}
