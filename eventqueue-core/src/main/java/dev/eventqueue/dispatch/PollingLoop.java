package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claiming loop (foreground or background) on its own thread. It claims up to
 * {@code batchSize} due entries, queues them for the worker pool, and claims again as soon as
 * half the batch has started while work remains; when nothing is due it sleeps on its
 * {@link Waiter} for one interval or until a publish wakes it.
 */
final class PollingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);
    private static final long MAX_ERROR_BACKOFF_MILLIS = 30_000;
    /**
     * Claiming pauses while this many finished entries wait for their completion to be written: when
     * the store writes completions slower than handlers finish, a node must not go on claiming (and
     * holding leases on) an ever larger share of the queue.
     */
    static final int MAX_UNWRITTEN_COMPLETIONS = 4_000;

    private static final long COMPLETION_BACKLOG_PAUSE_NANOS = 1_000_000;

    private final RuntimeContext context;
    private final WorkerPool pool;
    private final Delivery delivery;
    private final boolean background;
    private final Duration interval;
    private final int batchSize;
    private final Set<String> handlerNames;
    private final Waiter waiter = new Waiter();
    /** Room for claimed entries that have not started yet; bounds what one node holds unstarted. */
    private final Room room;
    /** Finished entries whose completion is not written yet; they still count as held by this node. */
    private final IntSupplier unwrittenCompletions;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();

    PollingLoop(
            RuntimeContext context,
            WorkerPool pool,
            Delivery delivery,
            IntSupplier unwrittenCompletions,
            boolean background,
            String threadName) {
        this.unwrittenCompletions = unwrittenCompletions;
        this.context = context;
        this.pool = pool;
        this.delivery = delivery;
        this.background = background;
        this.interval = background
                ? context.config().backgroundInterval()
                : context.config().processingInterval();
        this.batchSize = context.config().batchSize();
        this.handlerNames = context.handlers().names(background);
        this.room = new Room(batchSize);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        if (handlerNames.isEmpty()) {
            LOG.debug("No {} handlers; the {} loop stays idle", kind(), kind());
        }
        thread.start();
    }

    void wake() {
        waiter.wake();
    }

    /** Stops claiming; entries already queued are left to the caller. */
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    boolean hasHandlers() {
        return !handlerNames.isEmpty();
    }

    /** Time since the loop last went round, whether or not it found work. */
    Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    Duration interval() {
        return interval;
    }

    private void run() {
        int consecutiveErrors = 0;
        while (running) {
            try {
                lastPollNanos = System.nanoTime();
                if (handlerNames.isEmpty()) {
                    waiter.await(interval);
                    continue;
                }
                if (unwrittenCompletions.getAsInt() >= MAX_UNWRITTEN_COMPLETIONS) {
                    LockSupport.parkNanos(COMPLETION_BACKLOG_PAUSE_NANOS);
                    continue;
                }
                int wanted = reserveRoom();
                if (wanted == 0) {
                    continue;
                }
                waiter.clear();
                int claimed = claimAndSubmit(wanted);
                consecutiveErrors = 0;
                if (claimed < wanted) {
                    waiter.await(interval);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                consecutiveErrors++;
                context.listeners().onPollError(background, e);
                long backoff =
                        Math.min(interval.toMillis() << Math.min(consecutiveErrors - 1, 10), MAX_ERROR_BACKOFF_MILLIS);
                if (consecutiveErrors == 1 || consecutiveErrors % 10 == 0) {
                    LOG.warn(
                            "The {} loop could not claim entries ({} failure(s) in a row), retrying in {} ms: {}",
                            kind(),
                            consecutiveErrors,
                            backoff,
                            e.toString());
                }
                try {
                    waiter.await(Duration.ofMillis(backoff));
                } catch (InterruptedException interrupted) {
                    if (!running) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Waits (up to one interval) until at least half a batch of room is free, then takes all free
     * room. Claiming in halves keeps claims batched under load without ever leaving workers idle.
     */
    private int reserveRoom() throws InterruptedException {
        return room.awaitAtLeast(Math.max(1, batchSize / 2), interval);
    }

    private int claimAndSubmit(int wanted) {
        List<ClaimedEntry> batch;
        try {
            Instant now = context.clock().instant();
            batch = context.repository()
                    .claim(new ClaimRequest(
                            now,
                            wanted,
                            background,
                            handlerNames,
                            context.owner(),
                            now.plus(context.config().leaseDuration())));
        } catch (RuntimeException e) {
            room.release(wanted);
            throw e;
        }
        room.release(wanted - batch.size());
        if (!batch.isEmpty()) {
            context.listeners().onClaimed(background, batch.size());
            pool.submitAll(batch, background, delivery, room::release);
        }
        return batch.size();
    }

    private String kind() {
        return background ? "background" : "processing";
    }
}
