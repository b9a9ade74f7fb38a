package dev.eventqueue;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.StoredEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter workflow on one queue, for operators and their tools (the CLI and the Actuator
 * endpoint use it): list entries by filter, page by page; see one entry whole; retry failed
 * entries by filter; purge failed and orphaned entries by filter; find orphans. Every change has
 * a dry run that counts what it would touch, and is recorded in the audit trail.
 *
 * <p>Get one from {@link EventDispatcher#operations()}, or with {@link #of} for a store no
 * dispatcher in this process runs. Thread-safe.
 */
public final class EventQueueOperations {

    private static final Logger LOG = LoggerFactory.getLogger(EventQueueOperations.class);
    /** Entries per store call of a bulk change, so that no call locks many rows at once. */
    static final int CHUNK = 500;

    private static final Set<EntryStatus> PURGEABLE = EnumSet.of(EntryStatus.FAILED, EntryStatus.PENDING);

    private final EventQueueRepository repository;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Runnable onRetried;

    EventQueueOperations(EventQueueRepository repository, AuditLog auditLog, Runnable onRetried) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.clock = repository.clock();
        this.onRetried = onRetried;
    }

    /** Operations on a store and its audit log, without a dispatcher of this process. */
    public static EventQueueOperations of(EventQueueRepository repository, AuditLog auditLog) {
        return new EventQueueOperations(repository, auditLog, () -> {});
    }

    /**
     * A page of entries matching {@code filter}, oldest created first.
     *
     * @throws IllegalArgumentException when {@code offset} is negative or {@code limit} below 1
     */
    public EntryPage entries(EntryFilter filter, int offset, int limit) {
        return repository.findEntries(Objects.requireNonNull(filter, "filter"), offset, limit);
    }

    /** One entry whole, or empty when the store has no entry of that id (any more). */
    public Optional<EntryDetails> entry(UUID entryId) {
        Optional<StoredEntry> stored = repository.findEntry(Objects.requireNonNull(entryId, "entryId"));
        return stored.map(found -> new EntryDetails(
                found.entry(),
                found.payload(),
                found.headers(),
                repository.findByEventId(found.entry().eventId()),
                auditLog.findByEventId(found.entry().eventId())));
    }

    /**
     * Returns the failed entries matching {@code filter} to the queue with their full attempts
     * again, oldest failure first; entries in other statuses are left alone. A dry run counts them.
     */
    public BulkResult retry(EntryFilter filter, boolean dryRun) {
        EntryFilter failed = onlyStatuses(filter, Set.of(EntryStatus.FAILED));
        if (dryRun) {
            return new BulkResult(true, repository.countEntries(failed), 0);
        }
        long total = 0;
        List<QueueEntry> retried;
        do {
            Instant now = clock.instant();
            retried = repository.retryFailed(failed, CHUNK, now);
            total += retried.size();
            record(retried, AuditAction.RETRIED_MANUALLY, now, entry -> entry.error(), 0);
        } while (retried.size() == CHUNK);
        if (total > 0) {
            LOG.info("Retrying {} failed entries by hand", total);
            onRetried.run();
        }
        return new BulkResult(false, total, 0);
    }

    /**
     * Deletes failed entries and orphans matching {@code filter}; never an entry that is
     * {@code processing}, nor a pending entry whose handler a running dispatcher has. The filter's
     * statuses choose: {@code failed} (the default when it names none) and {@code pending}, which
     * means the orphans among pending entries. A dry run counts them. Each deleted entry is recorded
     * in the audit trail as {@code CLEANED_UP}, with why it was purged.
     *
     * @throws IllegalArgumentException when the filter names {@code processing} or {@code completed}
     *     (completed entries go by {@link EventDispatcher#cleanupOlderThan})
     * @throws IllegalStateException when orphans are asked for while no dispatcher runs: then
     *     orphans cannot be told from entries waiting for the next start
     */
    public BulkResult purge(EntryFilter filter, boolean dryRun) {
        Objects.requireNonNull(filter, "filter");
        Set<EntryStatus> statuses = filter.statuses().isEmpty() ? Set.of(EntryStatus.FAILED) : filter.statuses();
        if (!PURGEABLE.containsAll(statuses)) {
            throw new IllegalArgumentException("purge deletes failed entries and orphans (pending entries whose "
                    + "handler no running dispatcher has) only, but the filter asks for " + statuses
                    + "; completed entries are removed by cleanup, and processing ones never");
        }
        long failed = 0;
        long orphans = 0;
        if (statuses.contains(EntryStatus.FAILED)) {
            failed = purge(onlyStatuses(filter, Set.of(EntryStatus.FAILED)), dryRun, "purged by an operator");
        }
        if (statuses.contains(EntryStatus.PENDING)) {
            Orphans known = orphans();
            if (!known.known()) {
                throw new IllegalStateException("no running dispatcher is known in this store, so orphans cannot be "
                        + "told from entries waiting for the next start; purge orphans while the application runs");
            }
            EntryFilter orphaned = onlyStatuses(filter, Set.of(EntryStatus.PENDING)).toBuilder()
                    .excludeHandlers(known.runningHandlers())
                    .build();
            orphans = purge(orphaned, dryRun, "purged by an operator: orphan, no running dispatcher has its handler");
        }
        if (!dryRun && failed + orphans > 0) {
            LOG.info("Purged {} failed and {} orphaned entries by hand", failed, orphans);
        }
        return new BulkResult(dryRun, failed, orphans);
    }

    private long purge(EntryFilter filter, boolean dryRun, String reason) {
        if (dryRun) {
            return repository.countEntries(filter);
        }
        long total = 0;
        List<QueueEntry> deleted;
        do {
            deleted = repository.deleteEntries(filter, CHUNK);
            total += deleted.size();
            record(deleted, AuditAction.CLEANED_UP, clock.instant(), entry -> reason, -1);
        } while (deleted.size() == CHUNK);
        return total;
    }

    /** The orphans of this queue: pending entries whose handler no running dispatcher has. */
    public Orphans orphans() {
        return Orphans.find(repository, clock.instant());
    }

    private static EntryFilter onlyStatuses(EntryFilter filter, Set<EntryStatus> statuses) {
        return filter.toBuilder().statuses(statuses).build();
    }

    private interface ErrorText {
        String of(QueueEntry entry);
    }

    /** Audits what changed; an audit log that fails costs a warning, never the change itself. */
    private void record(List<QueueEntry> entries, AuditAction action, Instant now, ErrorText error, int attempt) {
        if (entries.isEmpty()) {
            return;
        }
        List<AuditRecord> records = new ArrayList<>(entries.size());
        for (QueueEntry entry : entries) {
            records.add(new AuditRecord(
                    now,
                    entry.eventId(),
                    entry.eventType(),
                    entry.handlerName(),
                    action,
                    attempt < 0 ? entry.attempts() : attempt,
                    entry.credentialsUserId(),
                    error.of(entry)));
        }
        try {
            auditLog.recordAll(records);
        } catch (RuntimeException e) {
            LOG.warn("Audit log failed to record {} records: {}", records.size(), e.toString());
        }
    }
}
