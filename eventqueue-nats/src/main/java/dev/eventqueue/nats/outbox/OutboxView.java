package dev.eventqueue.nats.outbox;

import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.StoredEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Outbox rows as operators see them beside the target store's entries: each as the entry it will
 * become, {@code pending}, whether it waits for a relay or a relay is forwarding it. An entry
 * being forwarded may be in both stores for a moment; lists then show the target's copy.
 */
final class OutboxView {

    private static final Comparator<QueueEntry> OLDEST_FIRST = Comparator.comparing(QueueEntry::createdAt);

    private OutboxView() {}

    /** The filter for the outbox's own rows, or empty when the filter wants no pending entries. */
    static Optional<EntryFilter> outboxFilter(EntryFilter filter) {
        if (!filter.allowsStatus(EntryStatus.PENDING)) {
            return Optional.empty();
        }
        return Optional.of(filter.toBuilder()
                .statuses(Set.of(EntryStatus.PENDING, EntryStatus.PROCESSING))
                .build());
    }

    /** A row of the outbox as the pending entry it stands for. */
    static QueueEntry asPending(QueueEntry row) {
        return asPending(row, null);
    }

    /** A row of the outbox as the pending entry it stands for, due at {@code dueAt} (now when null). */
    private static QueueEntry asPending(QueueEntry row, Instant dueAt) {
        return new QueueEntry(
                row.id(),
                row.eventId(),
                row.eventType(),
                row.aggregateId(),
                row.handlerName(),
                EntryStatus.PENDING,
                0,
                row.maxAttempts(),
                row.priority(),
                row.background(),
                dueAt,
                row.createdAt(),
                row.updatedAt(),
                null,
                row.credentialsUserId(),
                row.credentialsRole(),
                null,
                null);
    }

    /** A whole outbox row as the pending entry it stands for, its due time and headers as published. */
    static StoredEntry asPending(StoredEntry row) {
        Map<String, String> headers = new HashMap<>(row.headers());
        headers.remove(OutboxEntries.PRIORITY);
        headers.remove(OutboxEntries.ORDERING_KEY);
        headers.remove(OutboxEntries.DUE_AT);
        return new StoredEntry(asPending(row.entry(), dueAt(row)), row.payload(), headers);
    }

    /**
     * A listed outbox row as the pending entry it stands for, due when it was published to be: a
     * listed row has no headers, so its whole row is looked up in {@code rows}. A row gone since
     * (forwarded and deleted) is shown as it was listed, due at once.
     */
    private static QueueEntry asListed(QueueEntry row, Function<UUID, Optional<StoredEntry>> rows) {
        return asPending(row, rows.apply(row.id()).map(OutboxView::dueAt).orElse(null));
    }

    /** The due time an outbox row was published with, or null when it was due at once. */
    private static Instant dueAt(StoredEntry row) {
        String dueAt = row.headers().get(OutboxEntries.DUE_AT);
        return dueAt == null ? null : Instant.parse(dueAt);
    }

    /**
     * The page at {@code offset} of both stores' entries, oldest created first, from the first
     * {@code offset + limit} entries of each; the outbox rows on the page are looked up in
     * {@code rows} for their due times.
     */
    static EntryPage merge(
            EntryPage target, EntryPage outbox, int offset, int limit, Function<UUID, Optional<StoredEntry>> rows) {
        Set<UUID> inTarget = new HashSet<>();
        target.entries().forEach(entry -> inTarget.add(entry.id()));
        Set<UUID> waiting = new HashSet<>();
        List<QueueEntry> all = new ArrayList<>(target.entries());
        for (QueueEntry row : outbox.entries()) {
            if (!inTarget.contains(row.id())) {
                all.add(row);
                waiting.add(row.id());
            }
        }
        all.sort(OLDEST_FIRST); // stable: among equal times, the target's entries first
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        // Only the rows the page shows are looked up: at most limit lookups, whatever the depth read.
        List<QueueEntry> page = new ArrayList<>(to - from);
        for (QueueEntry entry : all.subList(from, to)) {
            page.add(waiting.contains(entry.id()) ? asListed(entry, rows) : entry);
        }
        return new EntryPage(page, target.total() + outbox.total(), offset, limit);
    }

    /**
     * The target's entries of an event and its outbox rows still to forward, oldest first; those
     * rows are looked up in {@code rows} for their due times.
     */
    static List<QueueEntry> union(
            List<QueueEntry> target, List<QueueEntry> outbox, Function<UUID, Optional<StoredEntry>> rows) {
        Set<UUID> inTarget = new HashSet<>();
        target.forEach(entry -> inTarget.add(entry.id()));
        List<QueueEntry> all = new ArrayList<>(target);
        for (QueueEntry row : outbox) {
            if (!inTarget.contains(row.id()) && isToForward(row)) {
                all.add(asListed(row, rows));
            }
        }
        all.sort(OLDEST_FIRST);
        return all;
    }

    /**
     * Whether a row still has to reach the target: a row marked done was forwarded, and only waits
     * to be deleted.
     */
    static boolean isToForward(QueueEntry row) {
        return row.status() == EntryStatus.PENDING || row.status() == EntryStatus.PROCESSING;
    }
}
