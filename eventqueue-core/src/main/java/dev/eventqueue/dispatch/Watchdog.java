package dev.eventqueue.dispatch;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces handler timeouts on its own thread. A call past its timeout is interrupted; if its
 * thread has not returned after a grace period, the call is abandoned: the pool gets a new worker
 * in its place, and another worker writes the attempt's failure. The abandoned thread's result,
 * should it ever return, is dropped.
 */
final class Watchdog {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final long MIN_TICK_NANOS = Duration.ofMillis(5).toNanos();
    private static final long MAX_TICK_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long MIN_GRACE_NANOS = Duration.ofMillis(100).toNanos();
    private static final long MAX_GRACE_NANOS = Duration.ofSeconds(2).toNanos();

    private final WorkerPool pool;
    private final Delivery delivery;
    private final long tickNanos;
    private final Thread thread;
    private volatile boolean running = true;

    Watchdog(WorkerPool pool, Delivery delivery, Duration shortestTimeout, String threadName) {
        this.pool = pool;
        this.delivery = delivery;
        this.tickNanos = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, shortestTimeout.toNanos() / 4));
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(5_000);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    String name() {
        return thread.getName();
    }

    private void run() {
        while (running) {
            try {
                check(System.nanoTime());
            } catch (Throwable t) { // the watchdog must outlive anything a check runs into
                LOG.error("The handler watchdog failed a check; it goes on", t);
            }
            LockSupport.parkNanos(this, tickNanos);
        }
    }

    void check(long nowNanos) {
        for (Worker worker : pool.workers()) {
            HandlerCall call = worker.call();
            if (call == null) {
                continue;
            }
            int state = call.state();
            if (state == HandlerCall.RUNNING && call.isOverdue(nowNanos)) {
                long grace = Math.max(
                        MIN_GRACE_NANOS,
                        Math.min(MAX_GRACE_NANOS, call.timeout().toNanos()));
                if (call.timeOut(nowNanos, grace)) {
                    LOG.warn(
                            "Handler {} ran longer than its timeout of {} ms on event {}; interrupted it",
                            call.task().entry().handlerName(),
                            call.timeout().toMillis(),
                            call.task().entry().eventId());
                }
            } else if (state == HandlerCall.TIMED_OUT && call.isPastGrace(nowNanos) && call.abandon()) {
                LOG.error(
                        "Handler {} ignored the interrupt on event {}; its thread {} is abandoned and replaced, "
                                + "and the attempt counts as failed",
                        call.task().entry().handlerName(),
                        call.task().entry().eventId(),
                        worker.thread().getName());
                pool.replace(worker, delivery.afterAbandoned(call));
            }
        }
    }
}
