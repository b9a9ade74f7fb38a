package dev.eventqueue.audit;

import java.util.List;
import java.util.UUID;

/** Ready-made audit log combinations. */
public final class AuditLogs {

    private static final AuditLog NONE = new AuditLog() {
        @Override
        public void record(AuditRecord record) {}

        @Override
        public List<AuditRecord> findByEventId(UUID eventId) {
            return List.of();
        }
    };

    private AuditLogs() {}

    /** Records nothing; for throughput runs where no trail is wanted. */
    public static AuditLog none() {
        return NONE;
    }

    /**
     * Records to every log; queries the first one (which should be the queryable one).
     */
    public static AuditLog composite(AuditLog queried, AuditLog... others) {
        List<AuditLog> all = new java.util.ArrayList<>();
        all.add(queried);
        all.addAll(List.of(others));
        return new AuditLog() {
            @Override
            public void record(AuditRecord record) {
                for (AuditLog log : all) {
                    log.record(record);
                }
            }

            @Override
            public void recordAll(List<AuditRecord> records) {
                for (AuditLog log : all) {
                    log.recordAll(records);
                }
            }

            @Override
            public List<AuditRecord> findByEventId(UUID eventId) {
                return queried.findByEventId(eventId);
            }
        };
    }
}
