package dev.eventqueue.bench;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's event: small, like a typical domain event, and stamped with the
 * {@link System#nanoTime()} of its publish so handlers can measure publish-to-start latency
 * (all dispatchers of a run share one JVM, so the clock is the same).
 */
public record BenchEvent(UUID eventId, Instant occurredAt, long sequence, long publishedNanos, String note)
        implements DomainEvent {

    public static final String TYPE = "BenchEvent";

    /** A new event; its id comes from a non-cryptographic random source, so making events costs the harness little. */
    public static BenchEvent next(long sequence, Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new BenchEvent(new UUID(high, low), now, sequence, System.nanoTime(), "order-" + sequence);
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
