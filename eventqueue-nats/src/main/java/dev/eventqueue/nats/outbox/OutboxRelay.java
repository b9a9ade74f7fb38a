package dev.eventqueue.nats.outbox;

import dev.eventqueue.monitoring.SecretMasking;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that moves committed outbox entries to the target store while at least one dispatcher
 * on this node runs. A commit on this node wakes it at once; otherwise it looks every poll
 * interval (entries committed by nodes whose relay stopped, rows of relays that died).
 *
 * <p>A pass that fails (the database or the target unreachable, or an {@link Error} such as an
 * {@code OutOfMemoryError}) is tried again after a pause that doubles with each failure in a row,
 * from one poll interval up to {@link #MAX_FAILURE_BACKOFF}; commits do not cut the pause short.
 * Nothing but a stop ends the thread, as nothing but a stop ends the dispatcher's loops: committed
 * entries must not wait for a restart. Only the passes are retried: should the thread end all the
 * same (an {@link Error} thrown around them, by the backoff or a log line when memory runs out),
 * {@link #stoppedThreads()} names it, which makes the dispatcher's health {@code DOWN}. Thread-safe.
 */
final class OutboxRelay {

    /** The role of the relay's thread in health reports. */
    static final String ROLE = "outboxRelay";

    static final String THREAD_NAME = "eventqueue-outbox-relay";
    /** The longest pause after failed passes. */
    static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** What the relay does each time round; {@link RelayPass} outside tests. */
    interface Pass {
        /** Returns the rows of relays whose lease ran out to the outbox. */
        int recover();

        /** Forwards up to one batch per loop; returns how many rows it claimed. */
        int run();
    }

    private final Pass pass;
    private final RelaySettings settings;
    private final Object signal = new Object();
    private boolean woken;
    // Written under this object's lock; volatile so that health reads them without waiting for a stop.
    private volatile int users;
    private volatile Thread thread;
    private volatile boolean running;
    /** What ended a relay thread, when something did. */
    private volatile Ended ended;

    private record Ended(Thread thread, Throwable cause) {}

    OutboxRelay(Pass pass, RelaySettings settings) {
        this.pass = pass;
        this.settings = settings;
    }

    /** A dispatcher started: the first one starts the thread. */
    synchronized void acquire() {
        if (users++ == 0) {
            running = true;
            thread = new Thread(this::run, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A dispatcher stopped: the last one stops the thread, after the batch it is forwarding. */
    synchronized void release() {
        if (users > 0 && --users == 0) {
            stopThread();
        }
    }

    /** Stops the thread whoever still uses it. */
    synchronized void shutdown() {
        users = 0;
        stopThread();
    }

    /**
     * The relay's thread by {@link #ROLE} when it should run (a dispatcher on this node runs) and
     * has ended, with the error that ended it; empty otherwise.
     */
    Map<String, String> stoppedThreads() {
        Thread current = thread;
        // Once the thread is seen ended, running tells whether it was asked to stop.
        if (current == null || current.isAlive() || !running || users == 0) {
            return Map.of();
        }
        Ended last = ended;
        Throwable cause = last != null && last.thread() == current ? last.cause() : null;
        String what = "thread " + current.getName() + " ended "
                + (cause == null ? "unexpectedly" : "by " + cause)
                + "; committed outbox entries are not forwarded by this node";
        return Map.of(ROLE, what);
    }

    /** Makes the relay look at the outbox now (a transaction with outbox entries committed). */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void stopThread() {
        Thread stopping = thread;
        thread = null;
        running = false;
        if (stopping == null) {
            return;
        }
        wake();
        try {
            stopping.join(STOP_TIMEOUT.toMillis());
            if (stopping.isAlive()) {
                LOG.warn("The outbox relay did not stop within {} s; interrupting it", STOP_TIMEOUT.toSeconds());
                stopping.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            relay();
        } catch (Throwable t) { // not expected: every failure of a pass is caught below; health tells
            ended = new Ended(Thread.currentThread(), t);
            try {
                LOG.error("The outbox relay stops; committed entries wait in the outbox until it is started again", t);
            } catch (Throwable ignored) { // logging failed too (out of memory): health still tells
            }
        }
    }

    private void relay() {
        long nextRecovery = System.nanoTime();
        int failures = 0;
        while (running) {
            synchronized (signal) {
                woken = false; // a wake-up from now on means another look
            }
            int claimed;
            try {
                if (System.nanoTime() - nextRecovery >= 0) {
                    pass.recover();
                    nextRecovery = System.nanoTime() + settings.pollInterval().toNanos();
                }
                claimed = pass.run();
            } catch (Throwable e) { // any exception, checked ones thrown sneakily included, and Errors
                failures++;
                Duration pause = backoff(failures);
                report(e, failures, pause);
                pause(pause);
                continue;
            }
            if (failures > 0) {
                LOG.info("The outbox relay forwards entries again after {} failure(s) in a row", failures);
                failures = 0;
            }
            // Whatever a pass took, look again at once: the next entries of an ordering key become
            // claimable only once the earlier ones left the outbox.
            if (claimed == 0) {
                awaitWakeUp();
            }
        }
    }

    private static void report(Throwable failure, int failures, Duration pause) {
        try {
            if (failure instanceof Error) {
                LOG.error(
                        "The outbox relay failed ({} failure(s) in a row); trying again in {} ms",
                        failures,
                        pause.toMillis(),
                        failure);
            } else if (failures == 1 || failures % 10 == 0) {
                LOG.warn(
                        "The outbox relay could not forward entries ({} failure(s) in a row); trying again in {} ms: {}",
                        failures,
                        pause.toMillis(),
                        SecretMasking.mask(failure.toString()));
            }
        } catch (Throwable again) { // even reporting failed (out of memory): the pause and the retry still come
        }
    }

    /** One poll interval after the first failure in a row, doubling with each, at most {@link #MAX_FAILURE_BACKOFF}. */
    Duration backoff(int failures) {
        long poll = settings.pollInterval().toMillis();
        long max = MAX_FAILURE_BACKOFF.toMillis();
        int shift = Math.min(failures - 1, 20);
        long millis = poll >= (max >> shift) ? max : poll << shift;
        return Duration.ofMillis(Math.max(1, Math.min(millis, max)));
    }

    /** Waits {@code pause} whatever wakes the relay, unless it is stopped; a commit meanwhile is looked at after. */
    private void pause(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        synchronized (signal) {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    // Only a stop may end the relay, and it clears running first; go on otherwise.
                }
            }
        }
    }

    private void awaitWakeUp() {
        long deadline = System.nanoTime() + settings.pollInterval().toNanos();
        synchronized (signal) {
            long left;
            while (running && !woken && (left = deadline - System.nanoTime()) > 0) {
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    // Only a stop may end the relay, and it clears running first; go on otherwise.
                }
            }
        }
    }
}
