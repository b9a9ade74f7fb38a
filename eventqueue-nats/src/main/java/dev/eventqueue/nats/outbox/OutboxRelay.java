package dev.eventqueue.nats.outbox;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that moves committed outbox entries to the target store while at least one dispatcher
 * on this node runs. A commit on this node wakes it at once; otherwise it looks every poll
 * interval (entries committed by nodes whose relay stopped, rows of relays that died). Thread-safe.
 */
final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final RelayPass pass;
    private final RelaySettings settings;
    private final Object signal = new Object();
    private boolean woken;
    private int users;
    private Thread thread;
    private volatile boolean running;

    OutboxRelay(RelayPass pass, RelaySettings settings) {
        this.pass = pass;
        this.settings = settings;
    }

    /** A dispatcher started: the first one starts the thread. */
    synchronized void acquire() {
        if (users++ == 0) {
            running = true;
            thread = new Thread(this::run, "eventqueue-outbox-relay");
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
        long nextRecovery = System.nanoTime();
        while (running) {
            synchronized (signal) {
                woken = false; // a wake-up from now on means another look
            }
            int claimed = 0;
            try {
                if (System.nanoTime() - nextRecovery >= 0) {
                    pass.recover();
                    nextRecovery = System.nanoTime() + settings.pollInterval().toNanos();
                }
                claimed = pass.run();
            } catch (RuntimeException e) {
                LOG.warn("The outbox relay could not forward entries; trying again: {}", e.toString());
            } catch (Error e) {
                LOG.error("The outbox relay stops", e);
                throw e;
            }
            // Whatever a pass took, look again at once: the next entries of an ordering key become
            // claimable only once the earlier ones left the outbox.
            if (claimed == 0) {
                awaitWakeUp();
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
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }
}
