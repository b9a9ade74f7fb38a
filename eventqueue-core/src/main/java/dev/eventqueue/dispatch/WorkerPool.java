package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maxConcurrent} worker threads shared by both loops. Claimed entries wait in two FIFO
 * queues, served in claim order, foreground first, except that a background entry that has waited
 * longer than the background interval goes next, so foreground load cannot starve it. Follow-ups
 * (the outcome of an abandoned call) go before both.
 *
 * <p>A claimed batch is handed over under one lock acquisition and wakes at most as many idle
 * workers as it has entries; a worker that finishes takes the next entry without sleeping. A
 * worker abandoned by the watchdog is replaced at once, so the pool keeps its size.
 */
final class WorkerPool {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Runnable> followUps = new ArrayDeque<>();
    private final ArrayDeque<DeliveryTask> foreground = new ArrayDeque<>();
    private final ArrayDeque<DeliveryTask> background = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private final ThreadFactory threads;
    private final long backgroundMaxWaitNanos;
    private Delivery delivery;
    private volatile Worker[] snapshot = new Worker[0];
    private int idle;
    private boolean shutdown;

    WorkerPool(String namePrefix, Duration backgroundMaxWait) {
        this.threads = daemonThreads(namePrefix);
        this.backgroundMaxWaitNanos = backgroundMaxWait.toNanos();
    }

    static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts {@code size} workers that run tasks through {@code delivery}. */
    void start(int size, Delivery delivery) {
        this.delivery = delivery;
        lock.lock();
        try {
            for (int i = 0; i < size; i++) {
                addWorker();
            }
        } finally {
            lock.unlock();
        }
    }

    private void addWorker() {
        Worker[] holder = new Worker[1];
        Thread thread = threads.newThread(() -> work(holder[0]));
        Worker worker = new Worker(thread);
        holder[0] = worker;
        workers.add(worker);
        snapshot = workers.toArray(new Worker[0]);
        thread.start();
    }

    /** Queues a claimed batch in claim order. */
    void submitAll(List<DeliveryTask> batch, Loop loop) {
        lock.lock();
        try {
            if (shutdown) {
                throw new IllegalStateException("The worker pool is shut down");
            }
            ArrayDeque<DeliveryTask> queue = loop.isBackground() ? background : foreground;
            queue.addAll(batch);
            for (int woken = 0; woken < Math.min(idle, batch.size()); woken++) {
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces an abandoned worker by a new thread and queues {@code followUp} (writing the
     * abandoned call's outcome) before every other task.
     */
    void replace(Worker abandoned, Runnable followUp) {
        lock.lock();
        try {
            abandoned.retire();
            workers.remove(abandoned);
            followUps.addLast(followUp);
            if (!shutdown) {
                addWorker();
            } else {
                snapshot = workers.toArray(new Worker[0]);
            }
            available.signal();
        } finally {
            lock.unlock();
        }
    }

    private void work(Worker worker) {
        while (!worker.isRetired()) {
            Runnable followUp;
            DeliveryTask task = null;
            lock.lock();
            try {
                while ((followUp = followUps.pollFirst()) == null && (task = nextTask()) == null) {
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
                if (followUp != null) {
                    followUp.run();
                } else {
                    delivery.run(task, worker);
                }
            } catch (Throwable t) { // Delivery handles handler failures; this is a bug or a dead store
                LOG.error("A worker failed outside the handler call", t);
            } finally {
                if (task != null) {
                    task.done();
                }
                worker.hold(null);
                worker.call(null);
            }
        }
    }

    private DeliveryTask nextTask() {
        DeliveryTask waiting = background.peekFirst();
        if (waiting != null
                && (foreground.isEmpty() || System.nanoTime() - waiting.queuedAtNanos() > backgroundMaxWaitNanos)) {
            return background.pollFirst();
        }
        return foreground.pollFirst();
    }

    /** The workers now in the pool (not those abandoned). */
    Worker[] workers() {
        return snapshot;
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

    /** The tasks waiting for a worker, in queue order (a copy). */
    List<DeliveryTask> queuedTasks() {
        lock.lock();
        try {
            List<DeliveryTask> tasks = new ArrayList<>(foreground.size() + background.size());
            tasks.addAll(foreground);
            tasks.addAll(background);
            return tasks;
        } finally {
            lock.unlock();
        }
    }

    /** Takes back waiting tasks queued before {@code queuedBeforeNanos}, which would otherwise hold their leases idle. */
    List<DeliveryTask> takeBackQueuedBefore(long queuedBeforeNanos) {
        lock.lock();
        try {
            List<DeliveryTask> taken = new ArrayList<>();
            takeBack(foreground, queuedBeforeNanos, taken);
            takeBack(background, queuedBeforeNanos, taken);
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private static void takeBack(ArrayDeque<DeliveryTask> queue, long beforeNanos, List<DeliveryTask> taken) {
        while (!queue.isEmpty() && beforeNanos - queue.peekFirst().queuedAtNanos() > 0) {
            taken.add(queue.pollFirst());
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

    /** Entries held by running workers whose leases the heartbeat should renew. */
    List<ClaimedEntry> runningEntries() {
        List<ClaimedEntry> entries = new ArrayList<>();
        for (Worker worker : snapshot) {
            ClaimedEntry held = worker.holding();
            if (held != null && worker.keepsLease()) {
                entries.add(held);
            }
        }
        return entries;
    }

    /**
     * Stops accepting work and waits for running (and follow-up) calls.
     *
     * @return {@code false} if some were still running at the deadline
     */
    boolean shutdown(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            shutdown = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Worker worker : snapshot) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(worker.thread(), remaining);
            }
        }
        return stillRunning().isEmpty();
    }

    /** Workers whose threads are still running. */
    List<Worker> stillRunning() {
        List<Worker> running = new ArrayList<>();
        for (Worker worker : snapshot) {
            if (worker.thread().isAlive()) {
                running.add(worker);
            }
        }
        return running;
    }

    /** Interrupts calls that outlived the shutdown timeout. */
    void interruptRunning() {
        for (Worker worker : snapshot) {
            worker.thread().interrupt();
        }
    }
}
