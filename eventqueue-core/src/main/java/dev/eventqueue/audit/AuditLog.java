package dev.eventqueue.audit;

import java.util.List;
import java.util.UUID;

/**
 * Where the dispatcher writes its audit trail. Implementations are thread-safe and fast:
 * {@link #record} is called on publishing and worker threads. A failing {@code record} is logged
 * by the dispatcher and never fails a publish or a delivery.
 */
public interface AuditLog {

    void record(AuditRecord record);

    /**
     * The records of one event, oldest first by timestamp (records with equal timestamps in the
     * order recorded); empty when none are kept. Records may arrive slightly out of order, for
     * example a worker's {@code STARTED} before the publisher's {@code PUBLISHED}.
     */
    List<AuditRecord> findByEventId(UUID eventId);

    /** Records several at once; stores that can batch override this. */
    default void recordAll(List<AuditRecord> records) {
        records.forEach(this::record);
    }
}
