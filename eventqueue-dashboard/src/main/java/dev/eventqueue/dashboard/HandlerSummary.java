package dev.eventqueue.dashboard;

import dev.eventqueue.Orphans;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.QueueEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per handler and event type: entries by status, completion rate, time to complete and retries,
 * computed from the newest {@link #SAMPLE} entries of the queue (all of them in a smaller queue).
 * The time to complete of a completed entry is from its creation to its completion: waiting,
 * retries and handling together, since the store keeps no separate handling time.
 */
final class HandlerSummary {

    /** Entries read at most per request, so that a large queue costs a bounded read. */
    static final int SAMPLE = 5_000;

    private HandlerSummary() {}

    static Map<String, Object> of(EventQueueRepository repository, Orphans orphans) {
        long total = repository.countEntries(EntryFilter.ALL);
        int offset = (int) Math.max(0, total - SAMPLE);
        EntryPage page = repository.findEntries(EntryFilter.ALL, offset, SAMPLE);
        Map<String, Row> rows = new TreeMap<>();
        for (QueueEntry entry : page.entries()) {
            rows.computeIfAbsent(entry.handlerName() + "\u0000" + entry.eventType(), key -> new Row(entry))
                    .add(entry);
        }
        List<Map<String, Object>> handlers = new ArrayList<>();
        for (Row row : rows.values()) {
            handlers.add(row.json(orphans.byHandler().containsKey(row.handler)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sampled", offset > 0);
        json.put("sampleSize", page.entries().size());
        json.put("totalEntries", total);
        json.put("orphansKnown", orphans.known());
        json.put("runningHandlers", orphans.runningHandlers());
        json.put(
                "timeToComplete",
                "from an entry's creation to its completion, over the completed entries of the sample");
        json.put("handlers", handlers);
        return json;
    }

    private static final class Row {
        final String handler;
        final String eventType;
        final long[] byStatus = new long[EntryStatus.values().length];
        long retried;
        long retries;
        final List<Long> completionMillis = new ArrayList<>();

        Row(QueueEntry first) {
            this.handler = first.handlerName();
            this.eventType = first.eventType();
        }

        void add(QueueEntry entry) {
            byStatus[entry.status().ordinal()]++;
            int beyondFirst = Math.max(0, entry.attempts() - 1);
            if (beyondFirst > 0) {
                retried++;
                retries += beyondFirst;
            }
            if (entry.status() == EntryStatus.COMPLETED && entry.createdAt() != null && entry.updatedAt() != null) {
                completionMillis.add(Math.max(
                        0,
                        Duration.between(entry.createdAt(), entry.updatedAt()).toMillis()));
            }
        }

        Map<String, Object> json(boolean orphan) {
            long completed = byStatus[EntryStatus.COMPLETED.ordinal()];
            long failed = byStatus[EntryStatus.FAILED.ordinal()];
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("handler", handler);
            json.put("eventType", eventType);
            json.put("pending", byStatus[EntryStatus.PENDING.ordinal()]);
            json.put("processing", byStatus[EntryStatus.PROCESSING.ordinal()]);
            json.put("completed", completed);
            json.put("failed", failed);
            json.put("completionRate", completed + failed == 0 ? null : (double) completed / (completed + failed));
            long[] sorted = completionMillis.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            json.put("p50Millis", percentile(sorted, 0.50));
            json.put("p99Millis", percentile(sorted, 0.99));
            json.put("retriedEntries", retried);
            json.put("retries", retries);
            json.put("orphan", orphan);
            return json;
        }
    }

    /** The nearest-rank percentile, or {@code null} without values. */
    static Long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
