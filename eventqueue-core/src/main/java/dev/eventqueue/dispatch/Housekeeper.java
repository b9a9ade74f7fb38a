package dev.eventqueue.dispatch;

import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.QueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background chores: the lease heartbeat for the claims this node holds, on a thread of its own
 * so that no other chore waiting for the store (or for a connection) can delay it past a lease;
 * and on another thread, recovery of entries whose worker (on any node) was lost, periodic
 * cleanup of old completed entries, and this node's announcement of the handlers it runs.
 * No failure stops a chore: each is retried at its next turn.
 */
final class Housekeeper {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);
    private static final long MAX_RECOVERY_PERIOD_MILLIS = 1_000;
    private static final long FIRST_HEARTBEAT_RETRY_MILLIS = 100;

    private final RuntimeContext context;
    private final WorkerPool pool;
    private final CompletionWriter completions;
    private final Runnable cleanup;
    private final Runnable onRecovered;
    private final NodeAnnouncer announcer;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService heartbeats;
    /** The wait before the next renewal attempt after a failed one; 0 after a success. */
    private long heartbeatRetryMillis;

    private volatile Thread thread;
    private volatile Thread heartbeatThread;
    private final String threadName;

    Housekeeper(
            RuntimeContext context,
            WorkerPool pool,
            CompletionWriter completions,
            Runnable cleanup,
            Runnable onRecovered,
            String threadName) {
        this.context = context;
        this.pool = pool;
        this.completions = completions;
        this.cleanup = cleanup;
        this.onRecovered = onRecovered;
        this.announcer = new NodeAnnouncer(context);
        this.threadName = threadName;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread created = new Thread(runnable, threadName);
            created.setDaemon(true);
            thread = created;
            return created;
        });
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread created = new Thread(runnable, threadName + "-heartbeat");
            created.setDaemon(true);
            heartbeatThread = created;
            return created;
        });
    }

    void start() {
        long heartbeat = context.config().heartbeatInterval().toMillis();
        long recovery = Math.min(heartbeat, MAX_RECOVERY_PERIOD_MILLIS);
        scheduleHeartbeat(heartbeat);
        scheduler.scheduleWithFixedDelay(
                guarded("node announcement", announcer::announce), 0, heartbeat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                guarded("lease recovery", this::recoverExpired), recovery, recovery, TimeUnit.MILLISECONDS);
        long cleanupMillis = context.config().cleanupInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                guarded("cleanup", cleanup), cleanupMillis, cleanupMillis, TimeUnit.MILLISECONDS);
    }

    void stop(Duration timeout) throws InterruptedException {
        scheduler.shutdownNow();
        heartbeats.shutdownNow();
        scheduler.awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        heartbeats.awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        announcer.leave();
    }

    boolean isAlive() {
        Thread current = thread;
        Thread renewing = heartbeatThread;
        return (current == null || current.isAlive()) && (renewing == null || renewing.isAlive());
    }

    String name() {
        return threadName;
    }

    /**
     * Renews the leases of every claim this node holds: queued, running, finished but not yet
     * written. Queued entries that waited longer than half a lease go back to the queue instead,
     * so that other nodes may run them; queued claims the store no longer holds are never started.
     */
    void heartbeat() {
        long startedNanos = System.nanoTime();
        long leaseNanos = context.leaseNanos();
        giveBack(pool.takeBackQueuedBefore(startedNanos - leaseNanos / 2));
        List<DeliveryTask> queued = pool.queuedTasks();
        List<ClaimRef> claims = new ArrayList<>();
        for (ClaimedEntry entry : pool.runningEntries()) {
            claims.add(entry.ref());
        }
        for (ClaimedEntry entry : completions.unwrittenEntries()) {
            claims.add(entry.ref());
        }
        for (DeliveryTask task : queued) {
            claims.add(task.entry().ref());
        }
        if (claims.isEmpty()) {
            return;
        }
        Instant now = context.clock().instant();
        Set<ClaimRef> held = context.repository()
                .extendLeases(claims, now.plus(context.config().leaseDuration()), now);
        context.outages().succeeded();
        for (DeliveryTask task : queued) {
            if (held.contains(task.entry().ref())) {
                task.renewed(startedNanos, leaseNanos);
            } else {
                task.markLost();
            }
        }
        if (held.size() < claims.size()) {
            warnOfLostClaims(claims, held);
        }
    }

    /**
     * Claims that finished and were written while the renewal ran are not held any more either
     * (a store may forget completed entries); only those still running or queued now were really
     * lost. Finished ones waiting for the completion writer are left out: the store may already
     * have written them while the writer has not returned, and the writer itself reports any
     * completion whose claim was lost.
     */
    private void warnOfLostClaims(List<ClaimRef> renewed, Set<ClaimRef> held) {
        Set<ClaimRef> inFlight = new HashSet<>();
        pool.runningEntries().forEach(entry -> inFlight.add(entry.ref()));
        pool.queuedTasks().forEach(task -> inFlight.add(task.entry().ref()));
        long lost = renewed.stream()
                .filter(ref -> !held.contains(ref) && inFlight.contains(ref))
                .count();
        if (lost > 0) {
            LOG.warn(
                    "{} of {} claims of this node were no longer held when their leases were renewed (expired and "
                            + "recovered or claimed again); their outcomes will be dropped",
                    lost,
                    renewed.size());
        }
    }

    private void giveBack(List<DeliveryTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<ClaimRef> claims = new ArrayList<>(tasks.size());
        for (DeliveryTask task : tasks) {
            task.leaveQueue();
            claims.add(task.entry().ref());
        }
        int released;
        try {
            released = context.repository().release(claims, context.clock().instant());
        } finally {
            tasks.forEach(DeliveryTask::done);
        }
        LOG.info(
                "Gave back {} claimed entries that waited for a worker longer than half a lease, so that other "
                        + "nodes may run them",
                released);
    }

    void recoverExpired() {
        if (!context.outages().mayRecover()) {
            return; // after an outage, or right after start: let live nodes renew and write first
        }
        List<QueueEntry> recovered =
                context.repository().releaseExpiredLeases(context.clock().instant());
        context.outages().succeeded();
        if (recovered.isEmpty()) {
            return;
        }
        long exhausted = recovered.stream()
                .filter(entry -> entry.attempts() >= entry.maxAttempts())
                .count();
        LOG.warn(
                "Recovered {} entries whose lease expired ({} run again, {} had no attempts left and will fail)",
                recovered.size(),
                recovered.size() - exhausted,
                exhausted);
        onRecovered.run();
    }

    private void scheduleHeartbeat(long delayMillis) {
        try {
            heartbeats.schedule(this::heartbeatThenScheduleNext, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stop() shut the scheduler down: no more renewals are wanted.
        }
    }

    /**
     * A failed renewal (a deadlock victim, a busy pool, a database blip) is tried again soon rather
     * than a whole heartbeat period later: two or three missed periods would let the leases lapse
     * and other nodes run this node's entries a second time.
     */
    private void heartbeatThenScheduleNext() {
        long period = context.config().heartbeatInterval().toMillis();
        long next = period;
        try {
            if (runGuarded("lease heartbeat", this::heartbeat)) {
                heartbeatRetryMillis = 0;
            } else {
                heartbeatRetryMillis = heartbeatRetryMillis == 0
                        ? FIRST_HEARTBEAT_RETRY_MILLIS
                        : Math.min(heartbeatRetryMillis * 2, Math.max(FIRST_HEARTBEAT_RETRY_MILLIS, period / 4));
                next = Math.min(period, heartbeatRetryMillis);
            }
        } finally {
            scheduleHeartbeat(next);
        }
    }

    private Runnable guarded(String chore, Runnable action) {
        return () -> runGuarded(chore, action);
    }

    /** Runs a chore, logging what it throws; true when it finished without throwing. */
    private boolean runGuarded(String chore, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            context.outages().failed();
            LOG.warn("Housekeeping ({}) failed, will try again: {}", chore, SecretMasking.mask(e.toString()));
        } catch (Throwable t) { // a scheduled task that throws is never run again
            LOG.error("Housekeeping ({}) failed, will try again", chore, t);
        }
        return false;
    }
}
