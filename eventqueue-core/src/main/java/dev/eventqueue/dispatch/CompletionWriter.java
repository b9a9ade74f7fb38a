package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks finished entries completed in batches: workers hand over and go on, one thread writes
 * whatever has gathered in one call. Under load this turns hundreds of completions into one
 * round trip; when idle a completion is written at once.
 */
final class CompletionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionWriter.class);
    private static final int MAX_BATCH = 1000;

    private final RuntimeContext context;
    private final LinkedBlockingQueue<ClaimedEntry> finished = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    CompletionWriter(RuntimeContext context, String threadName) {
        this.context = context;
        this.thread = new Thread(this::writeLoop, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void add(ClaimedEntry entry) {
        finished.add(entry);
    }

    /** Number of finished entries not yet written; their leases are still kept alive. */
    int backlog() {
        return finished.size();
    }

    /** Writes what is left and stops; waits at most {@code timeout}. */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("{} completions were not written before shutdown; their leases will expire and they may run "
                    + "again", finished.size());
        }
    }

    private void writeLoop() {
        List<ClaimedEntry> batch = new ArrayList<>();
        while (running || !finished.isEmpty()) {
            try {
                ClaimedEntry first = finished.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                finished.drainTo(batch, MAX_BATCH - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<ClaimedEntry> batch) throws InterruptedException {
        List<UUID> ids = new ArrayList<>(batch.size());
        for (ClaimedEntry entry : batch) {
            ids.add(entry.id());
        }
        long backoffMillis = 50;
        for (int failures = 0; ; failures++) {
            try {
                Instant now = context.clock().instant();
                int written = context.repository().complete(ids, context.owner(), now);
                if (written < ids.size()) {
                    LOG.warn("{} of {} completed entries had lost their lease to another worker", ids.size() - written,
                            ids.size());
                }
                List<AuditRecord> records = new ArrayList<>(batch.size());
                for (ClaimedEntry entry : batch) {
                    records.add(new AuditRecord(now, entry.eventId(), entry.eventType(), entry.handlerName(),
                            AuditAction.COMPLETED, entry.attempt(),
                            entry.credentials() == null ? null : entry.credentials().userId(), null));
                }
                context.auditor().recordAll(records);
                return;
            } catch (RuntimeException e) {
                if (!running && failures >= 3) {
                    LOG.warn("Giving up writing {} completions at shutdown ({}); their leases will expire and they "
                            + "may run again", ids.size(), e.toString());
                    return;
                }
                LOG.warn("Could not mark {} entries completed, retrying in {} ms: {}", ids.size(), backoffMillis,
                        e.toString());
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }
}
