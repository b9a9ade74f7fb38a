package dev.eventqueue.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the newest {@code capacity} audit records in memory; the first recorded are dropped first.
 * The dispatcher's default, so a long-running process never grows without bound.
 */
public final class InMemoryAuditLog implements AuditLog {

    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ArrayDeque<AuditRecord> records = new ArrayDeque<>();
    private final Map<UUID, List<AuditRecord>> byEventId = new HashMap<>();

    public InMemoryAuditLog() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryAuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
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
        if (records.size() == capacity) {
            evict(records.removeFirst());
        }
        records.addLast(record);
        insertByTimestamp(byEventId.computeIfAbsent(record.eventId(), id -> new ArrayList<>(4)), record);
    }

    private void evict(AuditRecord evicted) {
        List<AuditRecord> trail = byEventId.get(evicted.eventId());
        // By identity, and usually at the front: the evicted record is the oldest one kept.
        for (int i = 0; i < trail.size(); i++) {
            if (trail.get(i) == evicted) {
                trail.remove(i);
                break;
            }
        }
        if (trail.isEmpty()) {
            byEventId.remove(evicted.eventId());
        }
    }

    /** Keeps one event's trail in timestamp order; a record usually belongs at the end. */
    private static void insertByTimestamp(List<AuditRecord> trail, AuditRecord record) {
        int index = trail.size();
        while (index > 0 && trail.get(index - 1).timestamp().isAfter(record.timestamp())) {
            index--;
        }
        trail.add(index, record);
    }

    @Override
    public synchronized List<AuditRecord> findByEventId(UUID eventId) {
        List<AuditRecord> trail = byEventId.get(eventId);
        return trail == null ? List.of() : List.copyOf(trail);
    }

    /** How many records are kept now. */
    public synchronized int size() {
        return records.size();
    }
}
