package dev.eventqueue.dispatch;

import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    /** Wakes this node's loops: a completed ordered entry may have made its aggregate's next one claimable. */
    private final Runnable wakeUp;

    private final ConcurrentLinkedQueue<ClaimedEntry> finished = new ConcurrentLinkedQueue<>();
    /** Entries handed over and not yet written (ConcurrentLinkedQueue.size() would walk the queue). */
    private final AtomicInteger unwritten = new AtomicInteger();

    /** The batch being written, so the heartbeat renews its leases while a slow store takes it. */
    private volatile List<ClaimedEntry> writing = List.of();

    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;

    CompletionWriter(RuntimeContext context, Runnable wakeUp, String threadName) {
        this.context = context;
        this.wakeUp = wakeUp;
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

    /** Wakes this node's loops, as after a written completion of an ordered entry. */
    void wakeLoops() {
        wakeUp.run();
    }

    /** Number of finished entries not yet written; their leases are still kept alive. */
    int backlog() {
        return unwritten.get();
    }

    /** The finished entries whose completion is not written yet, for the heartbeat. */
    List<ClaimedEntry> unwrittenEntries() {
        List<ClaimedEntry> entries = new ArrayList<>(writing);
        entries.addAll(finished);
        return entries;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    String name() {
        return thread.getName();
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
                writing = List.copyOf(batch);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) { // nothing may stop the writer; the leases of this batch expire and it runs again
                LOG.error(
                        "Writing {} completions failed; they will run again once their leases expire", batch.size(), t);
            } finally {
                writing = List.of();
                unwritten.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    private boolean anyOrdered(List<ClaimedEntry> batch) {
        for (ClaimedEntry entry : batch) {
            EventHandler<?> handler = context.handlers().byName(entry.handlerName());
            if (handler != null && handler.isOrderedByAggregate()) {
                return true;
            }
        }
        return false;
    }

    private void write(List<ClaimedEntry> batch) throws InterruptedException {
        List<ClaimRef> ids = new ArrayList<>(batch.size());
        for (ClaimedEntry entry : batch) {
            ids.add(entry.ref());
        }
        long backoffMillis = 50;
        for (int failures = 0; ; failures++) {
            try {
                Instant now = context.clock().instant();
                int written = context.repository().complete(ids, now);
                context.outages().succeeded();
                if (anyOrdered(batch)) {
                    wakeUp.run();
                }
                if (written < ids.size()) {
                    LOG.warn(
                            "{} of {} completed entries had lost their claim (lease expired, entry recovered or "
                                    + "claimed again); those completions are dropped",
                            ids.size() - written,
                            ids.size());
                }
                context.listeners().completionsStored(batch, now);
                return;
            } catch (RuntimeException | Error e) { // an Error too: dropping finished work would run it again
                context.outages().failed();
                if (!running && failures >= 3) {
                    LOG.warn(
                            "Giving up writing {} completions at shutdown ({}); their leases will expire and they "
                                    + "may run again",
                            ids.size(),
                            SecretMasking.mask(e.toString()));
                    return;
                }
                LOG.warn(
                        "Could not mark {} entries completed, retrying in {} ms: {}",
                        ids.size(),
                        backoffMillis,
                        SecretMasking.mask(e.toString()));
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 1_000);
            }
        }
    }
}
