package dev.eventqueue.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in the domain, named in the past tense ({@code AttemptCreated}).
 *
 * <p>Implementations must be immutable. {@link #getEventId()} identifies the event across
 * serialization: publishing the same event twice never enqueues it twice for one handler.
 */
public interface DomainEvent {

    /** Stable identity of this event; the same value after a round trip through any store. */
    UUID getEventId();

    /** The event's type name, for example {@code "AttemptCreated"}; used by handlers and stores. */
    String getEventType();

    /** When the event happened. */
    Instant getOccurredAt();

    /** The aggregate this event belongs to, or {@code null} when it has none. */
    default String getAggregateId() {
        return null;
    }
}
