package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maxConcurrent} worker threads shared by both loops. Claimed entries wait in two FIFO
 * queues, foreground served before background, so they start in claim order and a batch of slow
 * background work never delays a foreground handler by more than the calls already running.
 *
 * <p>A claimed batch is handed over under one lock acquisition and wakes at most as many idle
 * workers as it has entries; a worker that finishes takes the next entry without sleeping. (A
 * thread pool executor would lock, and wake a worker, once per entry.)
 */
final class WorkerPool {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<DeliveryTask> foreground = new ArrayDeque<>();
    private final ArrayDeque<DeliveryTask> background = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private int idle;
    private boolean shutdown;

    WorkerPool(int threads, String namePrefix) {
        ThreadFactory factory = daemonThreads(namePrefix);
        for (int i = 0; i < threads; i++) {
            Thread worker = factory.newThread(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Queues a claimed batch in claim order; {@code onStart} runs with 1 as each entry starts (or is taken back). */
    void submitAll(List<ClaimedEntry> batch, boolean backgroundLoop, Delivery delivery, IntConsumer onStart) {
        lock.lock();
        try {
            if (shutdown) {
                throw new IllegalStateException("The worker pool is shut down");
            }
            ArrayDeque<DeliveryTask> queue = backgroundLoop ? background : foreground;
            for (ClaimedEntry entry : batch) {
                queue.addLast(new DeliveryTask(entry, delivery, onStart));
            }
            for (int woken = 0; woken < Math.min(idle, batch.size()); woken++) {
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            DeliveryTask task;
            lock.lock();
            try {
                while ((task = nextTask()) == null) {
                    if (shutdown) {
                        return;
                    }
                    idle++;
                    try {
                        available.await();
                    } catch (InterruptedException e) {
                        // Interrupted while idle: only stop() interrupts; the loop re-checks shutdown.
                    } finally {
                        idle--;
                    }
                }
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } catch (Throwable t) { // Delivery handles handler failures; this is a bug or a dead store, not a reason to
                // lose a worker
                LOG.error(
                        "A worker failed outside the handler call for entry {}",
                        task.entry().id(),
                        t);
            }
        }
    }

    private DeliveryTask nextTask() {
        DeliveryTask task = foreground.pollFirst();
        return task != null ? task : background.pollFirst();
    }

    /** Claimed entries waiting for a worker thread. */
    int queued() {
        lock.lock();
        try {
            return foreground.size() + background.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes back every task that has not started, in queue order. */
    List<DeliveryTask> drainUnstarted() {
        lock.lock();
        try {
            List<DeliveryTask> tasks = new ArrayList<>(foreground.size() + background.size());
            tasks.addAll(foreground);
            tasks.addAll(background);
            foreground.clear();
            background.clear();
            return tasks;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting work and waits for running (and still queued) calls; {@code false} if some were still running. */
    boolean shutdown(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            shutdown = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread worker : workers) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(worker, remaining);
            }
        }
        return workers.stream().noneMatch(Thread::isAlive);
    }

    /** Interrupts calls that outlived the shutdown timeout. */
    void interruptRunning() {
        workers.forEach(Thread::interrupt);
    }
}
