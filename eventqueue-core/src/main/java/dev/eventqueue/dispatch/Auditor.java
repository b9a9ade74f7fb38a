package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.QueueEntry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes audit records, never letting a broken audit log fail a publish or a delivery. */
public final class Auditor {

    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);

    private final AuditLog log;
    private final Clock clock;
    private final boolean enabled;

    public Auditor(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
        this.enabled = log != AuditLogs.none();
    }

    /** False for {@link AuditLogs#none()}: then no record is even built, and no clock read for one. */
    boolean enabled() {
        return enabled;
    }

    public AuditLog log() {
        return log;
    }

    void delivery(ClaimedEntry entry, AuditAction action, String error) {
        if (!enabled) {
            return;
        }
        record(new AuditRecord(
                clock.instant(),
                entry.eventId(),
                entry.eventType(),
                entry.handlerName(),
                action,
                entry.attempt(),
                userId(entry.credentials()),
                error));
    }

    static AuditRecord published(
            UUID eventId, String eventType, String handlerName, Credentials credentials, java.time.Instant at) {
        return new AuditRecord(
                at, eventId, eventType, handlerName, AuditAction.PUBLISHED, 0, userId(credentials), null);
    }

    AuditRecord admin(QueueEntry entry, AuditAction action) {
        return new AuditRecord(
                clock.instant(),
                entry.eventId(),
                entry.eventType(),
                entry.handlerName(),
                action,
                entry.attempts(),
                entry.credentialsUserId(),
                entry.error());
    }

    void record(AuditRecord record) {
        try {
            log.record(record);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Audit log {} failed to record {} of event {}: {}",
                    log.getClass().getSimpleName(),
                    record.action(),
                    record.eventId(),
                    SecretMasking.mask(e.toString()));
        }
    }

    void recordAll(List<AuditRecord> records) {
        if (!enabled || records.isEmpty()) {
            return;
        }
        try {
            log.recordAll(records);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Audit log {} failed to record {} records: {}",
                    log.getClass().getSimpleName(),
                    records.size(),
                    SecretMasking.mask(e.toString()));
        }
    }

    private static String userId(Credentials credentials) {
        return credentials == null ? null : credentials.userId();
    }
}
