package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks finished entries completed in batches: workers hand over and go on, one thread writes
 * whatever has gathered in one call. Under load this turns hundreds of completions into one
 * round trip; when idle a completion is written at once.
 *
 * <p>The hand-over is a lock-free queue; a worker unparks the writer only when the writer said it
 * is about to sleep, so a busy writer costs the workers one CAS per entry and no wake-up.
 */
final class CompletionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionWriter.class);
    private static final int MAX_BATCH = 1000;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final RuntimeContext context;
    private final ConcurrentLinkedQueue<ClaimedEntry> finished = new ConcurrentLinkedQueue<>();
    /** Entries handed over and not yet written (ConcurrentLinkedQueue.size() would walk the queue). */
    private final AtomicInteger unwritten = new AtomicInteger();

    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;

    CompletionWriter(RuntimeContext context, String threadName) {
        this.context = context;
        this.thread = new Thread(this::writeLoop, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void add(ClaimedEntry entry) {
        unwritten.incrementAndGet();
        finished.add(entry);
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(thread);
        }
    }

    /** Number of finished entries not yet written; their leases are still kept alive. */
    int backlog() {
        return unwritten.get();
    }

    /** Writes what is left and stops; waits at most {@code timeout}. */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn(
                    "{} completions were not written before shutdown; their leases will expire and they may run "
                            + "again",
                    unwritten.get());
        }
    }

    private void writeLoop() {
        List<ClaimedEntry> batch = new ArrayList<>();
        while (running || !finished.isEmpty()) {
            ClaimedEntry entry = finished.poll();
            if (entry == null) {
                sleeping = true;
                // Re-check after announcing the sleep: an entry added before the flag was seen is not missed.
                if (finished.isEmpty() && running) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                sleeping = false;
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                continue;
            }
            while (entry != null) {
                batch.add(entry);
                entry = batch.size() < MAX_BATCH ? finished.poll() : null;
            }
            try {
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                unwritten.addAndGet(-batch.size());
                batch.clear();
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
                    LOG.warn(
                            "{} of {} completed entries had lost their lease to another worker",
                            ids.size() - written,
                            ids.size());
                }
                if (!context.auditor().enabled()) {
                    return;
                }
                List<AuditRecord> records = new ArrayList<>(batch.size());
                for (ClaimedEntry entry : batch) {
                    records.add(new AuditRecord(
                            now,
                            entry.eventId(),
                            entry.eventType(),
                            entry.handlerName(),
                            AuditAction.COMPLETED,
                            entry.attempt(),
                            entry.credentials() == null
                                    ? null
                                    : entry.credentials().userId(),
                            null));
                }
                context.auditor().recordAll(records);
                return;
            } catch (RuntimeException e) {
                if (!running && failures >= 3) {
                    LOG.warn(
                            "Giving up writing {} completions at shutdown ({}); their leases will expire and they "
                                    + "may run again",
                            ids.size(),
                            e.toString());
                    return;
                }
                LOG.warn(
                        "Could not mark {} entries completed, retrying in {} ms: {}",
                        ids.size(),
                        backoffMillis,
                        e.toString());
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }
}
