package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background chores on one thread: the lease heartbeat for entries this node holds, recovery of
 * entries whose worker (on any node) was lost, and periodic cleanup of old completed entries.
 */
final class Housekeeper {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);

    private final RuntimeContext context;
    private final IntSupplier heldEntries;
    private final Runnable cleanup;
    private final Runnable onRecovered;
    private final ScheduledExecutorService scheduler;

    Housekeeper(
            RuntimeContext context,
            IntSupplier heldEntries,
            Runnable cleanup,
            Runnable onRecovered,
            String threadName) {
        this.context = context;
        this.heldEntries = heldEntries;
        this.cleanup = cleanup;
        this.onRecovered = onRecovered;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(WorkerPool.daemonThreads(threadName));
    }

    void start() {
        long leaseMillis = context.config().leaseDuration().toMillis();
        long heartbeat = Math.max(1, leaseMillis / 3);
        long recovery = Math.max(1, leaseMillis / 2);
        scheduler.scheduleWithFixedDelay(
                guarded("lease heartbeat", this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                guarded("lease recovery", this::recoverExpired), recovery, recovery, TimeUnit.MILLISECONDS);
        long cleanupMillis = context.config().cleanupInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                guarded("cleanup", cleanup), cleanupMillis, cleanupMillis, TimeUnit.MILLISECONDS);
    }

    void stop(Duration timeout) throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        if (heldEntries.getAsInt() > 0) {
            var now = context.clock().instant();
            context.repository()
                    .extendLeases(context.owner(), now.plus(context.config().leaseDuration()), now);
        }
    }

    private void recoverExpired() {
        List<QueueEntry> recovered =
                context.repository().releaseExpiredLeases(context.clock().instant());
        if (recovered.isEmpty()) {
            return;
        }
        long failed =
                recovered.stream().filter(e -> e.status() == EntryStatus.FAILED).count();
        LOG.warn(
                "Recovered {} entries whose lease expired ({} returned to pending, {} failed on their last attempt)",
                recovered.size(),
                recovered.size() - failed,
                failed);
        for (QueueEntry entry : recovered) {
            if (entry.status() == EntryStatus.FAILED) {
                context.auditor().record(context.auditor().admin(entry, AuditAction.FAILED));
            }
        }
        onRecovered.run();
    }

    private Runnable guarded(String chore, Runnable action) {
        return () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("Housekeeping ({}) failed, will try again: {}", chore, e.toString());
            }
        };
    }
}
