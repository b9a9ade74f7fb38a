package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.NewQueueEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as an observer: writes a record for every publish and handler outcome, never
 * letting a broken audit log fail a publish or a delivery. Registered first on the observer path,
 * so that a publish is in the trail before its handler starts on this node.
 */
final class AuditTrail implements Observer {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLog log;
    private final Clock clock;

    AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void enqueued(Publication publication) {
        recordAll(publishedRecords(publication));
    }

    @Override
    public void started(ClaimedEntry entry, Duration sinceEnqueue) {
        record(entry, AuditAction.STARTED, null);
    }

    @Override
    public boolean readsDurations() {
        return false;
    }

    @Override
    public void completed(ClaimedEntry entry, Duration took, boolean stored) {
        if (stored) { // otherwise recorded when its batch is written
            record(entry, AuditAction.COMPLETED, null);
        }
    }

    @Override
    public void completionsStored(List<ClaimedEntry> entries, Instant at) {
        List<AuditRecord> records = new ArrayList<>(entries.size());
        for (ClaimedEntry entry : entries) {
            records.add(of(entry, AuditAction.COMPLETED, null, at));
        }
        recordAll(records);
    }

    @Override
    public void retryScheduled(
            ClaimedEntry entry, Duration took, Exception failure, String error, Instant nextRetryAt) {
        record(entry, AuditAction.RETRY_SCHEDULED, error);
    }

    @Override
    public void failed(ClaimedEntry entry, Duration took, Exception failure, String error) {
        record(entry, AuditAction.FAILED, error);
    }

    private void record(ClaimedEntry entry, AuditAction action, String error) {
        AuditRecord record = of(entry, action, error, clock.instant());
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

    private void recordAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
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

    private static AuditRecord of(ClaimedEntry entry, AuditAction action, String error, Instant at) {
        return new AuditRecord(
                at,
                entry.eventId(),
                entry.eventType(),
                entry.handlerName(),
                action,
                entry.attempt(),
                userId(entry.credentials()),
                error);
    }

    /** One record per entry in enqueue order, then one without a handler per event no handler accepted. */
    private static List<AuditRecord> publishedRecords(Publication publication) {
        List<NewQueueEntry> entries = publication.entries();
        List<AuditRecord> records = new ArrayList<>(entries.size() + 1);
        for (NewQueueEntry entry : entries) {
            records.add(published(
                    entry.event().getEventId(),
                    entry.event().getEventType(),
                    entry.handlerName(),
                    publication.credentials(),
                    publication.at()));
        }
        if (everyEventAccepted(publication)) {
            return records; // the common case, told without a set of event ids
        }
        Set<UUID> accepted = new HashSet<>();
        for (NewQueueEntry entry : entries) {
            accepted.add(entry.event().getEventId());
        }
        for (DomainEvent event : publication.events()) {
            if (!accepted.contains(event.getEventId())) {
                // No handler wanted it; the trail still shows it was published.
                records.add(published(
                        event.getEventId(), event.getEventType(), null, publication.credentials(), publication.at()));
            }
        }
        return records;
    }

    private static boolean everyEventAccepted(Publication publication) {
        for (int entries : publication.entriesPerEvent()) {
            if (entries == 0) {
                return false;
            }
        }
        return true;
    }

    private static AuditRecord published(
            UUID eventId, String eventType, String handlerName, Credentials credentials, Instant at) {
        return new AuditRecord(
                at, eventId, eventType, handlerName, AuditAction.PUBLISHED, 0, userId(credentials), null);
    }

    private static String userId(Credentials credentials) {
        return credentials == null ? null : credentials.userId();
    }

    @Override
    public String toString() {
        return "audit log " + log.getClass().getName();
    }
}
