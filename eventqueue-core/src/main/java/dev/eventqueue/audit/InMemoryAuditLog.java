package dev.eventqueue.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps the newest {@code capacity} audit records in memory; the first recorded are dropped first.
 * The dispatcher's default, so a long-running process never grows without bound.
 *
 * <p>Records go into a ring of fixed size: recording costs one array store, with no index to keep,
 * because the dispatcher records three records per entry on its hot path and reads them back only
 * when asked. {@link #findByEventId} therefore scans the ring: up to {@code capacity} comparisons
 * (well under a millisecond for the default capacity), meant for inspecting an event, not for a loop.
 */
public final class InMemoryAuditLog implements AuditLog {

    public static final int DEFAULT_CAPACITY = 100_000;

    private final AuditRecord[] ring;
    private long written; // records ever written; the next goes to ring[written % capacity]

    public InMemoryAuditLog() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryAuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.ring = new AuditRecord[capacity];
    }

    @Override
    public synchronized void record(AuditRecord record) {
        add(record);
    }

    /** All under one lock acquisition: the dispatcher records publishes and completions in batches. */
    @Override
    public synchronized void recordAll(List<AuditRecord> batch) {
        for (AuditRecord record : batch) {
            add(record);
        }
    }

    private void add(AuditRecord record) {
        ring[(int) (written % ring.length)] = record;
        written++;
    }

    /** The event's kept records in timestamp order; records with equal timestamps in the order recorded. */
    @Override
    public List<AuditRecord> findByEventId(UUID eventId) {
        List<AuditRecord> trail = new ArrayList<>(4);
        synchronized (this) {
            long oldest = Math.max(0, written - ring.length);
            for (long i = oldest; i < written; i++) {
                AuditRecord record = ring[(int) (i % ring.length)];
                if (Objects.equals(record.eventId(), eventId)) {
                    trail.add(record);
                }
            }
        }
        trail.sort(Comparator.comparing(AuditRecord::timestamp)); // stable: ties keep the recorded order
        return List.copyOf(trail);
    }

    /** How many records are kept now. */
    public synchronized int size() {
        return (int) Math.min(written, ring.length);
    }
}
