package dev.eventqueue.faults;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The suite's event. Its {@code kind} tells the handlers how to behave, so one published batch
 * can mix plain, flaky and hanging deliveries.
 */
public record FaultEvent(UUID eventId, Instant occurredAt, long sequence, String kind) implements DomainEvent {

    public static final String TYPE = "FaultEvent";

    /** Handled by {@code faults.main}: short work, then success. */
    public static final String PLAIN = "plain";
    /** Handled by {@code faults.main}: the first two attempts throw, the third succeeds. */
    public static final String FLAKY = "flaky";
    /** Handled by {@code faults.main}: sleeps until interrupted, on every attempt. */
    public static final String HANG = "hang";
    /** Handled by {@code faults.main}: ignores interrupts and never returns. */
    public static final String HANG_HARD = "hang-hard";
    /** Handled by {@code faults.high} (priority 10). */
    public static final String HIGH = "high";
    /** Handled by {@code faults.low} (priority 1000). */
    public static final String LOW = "low";

    public static FaultEvent of(long sequence, String kind) {
        return new FaultEvent(UUID.randomUUID(), Instant.now(), sequence, kind);
    }

    /** Whether this event is meant to end {@code failed} (its handler never succeeds). */
    public boolean meantToFail() {
        return HANG.equals(kind) || HANG_HARD.equals(kind);
    }

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public String getEventType() {
        return TYPE;
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }
}
