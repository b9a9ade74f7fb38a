package dev.eventqueue.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code maxConcurrent} worker threads shared by both loops. Claimed entries wait in a queue that
 * serves foreground entries before background ones and otherwise keeps claim order, so a batch of
 * slow background work never delays a foreground handler by more than the calls already running.
 */
final class WorkerPool {

    private final ThreadPoolExecutor executor;
    private final AtomicLong sequence = new AtomicLong();

    WorkerPool(int threads, String namePrefix) {
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new PriorityBlockingQueue<>(), daemonThreads(namePrefix));
        this.executor.prestartAllCoreThreads();
    }

    static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    void submit(DeliveryTask.Factory factory) {
        executor.execute(factory.create(sequence.incrementAndGet()));
    }

    /** Claimed entries waiting for a worker thread. */
    int queued() {
        return executor.getQueue().size();
    }

    /** Takes back every task that has not started, in queue order. */
    List<DeliveryTask> drainUnstarted() {
        List<Runnable> drained = new ArrayList<>();
        executor.getQueue().drainTo(drained);
        List<DeliveryTask> tasks = new ArrayList<>(drained.size());
        for (Runnable runnable : drained) {
            tasks.add((DeliveryTask) runnable);
        }
        tasks.sort(null);
        return tasks;
    }

    /** Stops accepting work and waits for running calls; {@code false} if some were still running. */
    boolean shutdown(Duration timeout) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts calls that outlived the shutdown timeout. */
    void interruptRunning() {
        executor.shutdownNow();
    }
}
