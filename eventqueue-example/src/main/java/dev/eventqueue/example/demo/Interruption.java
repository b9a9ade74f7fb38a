package dev.eventqueue.example.demo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a run: instead of dying mid-save, the run is asked to stop, stops its
 * dispatcher (claimed entries go back to the queue) and closes the database; the JVM exits once
 * that is done, or after {@code grace}.
 */
final class Interruption {

    private final CountDownLatch released = new CountDownLatch(1);
    private final Runnable onRequest;
    private final Duration grace;
    private final Thread hook;
    private volatile boolean requested;

    private Interruption(Runnable onRequest, Duration grace) {
        this.onRequest = onRequest;
        this.grace = grace;
        this.hook = new Thread(this::request, "eventqueue-demo-interrupt");
    }

    /** Registers the shutdown hook; {@code onRequest} wakes whatever the run is waiting on. */
    static Interruption install(Runnable onRequest, Duration grace) {
        Interruption interruption = new Interruption(onRequest, grace);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    boolean requested() {
        return requested;
    }

    /** The run has cleaned up: lets an interrupted JVM exit, or removes the hook after a normal end. */
    void release() {
        released.countDown();
        if (!requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Exiting already; the hook finds the latch open and returns at once.
            }
        }
    }

    private void request() {
        requested = true;
        onRequest.run();
        try {
            released.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
