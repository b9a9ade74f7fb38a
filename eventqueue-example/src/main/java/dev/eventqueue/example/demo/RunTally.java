package dev.eventqueue.example.demo;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Counts what happened to the entries of this demo run, by handler, from the dispatcher's
 * listener calls. Entries left in a shared queue by earlier runs are processed too but not
 * counted, so the run knows when its own work is done. Thread-safe.
 */
final class RunTally implements EventQueueListener {

    private final Set<UUID> runEvents = ConcurrentHashMap.newKeySet();
    private final Map<String, HandlerCounts> byHandler = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong terminal = new AtomicLong();
    private final Object monitor = new Object();

    /**
     * Marks events as this run's before they are saved: a worker may finish an entry before the
     * publishing thread gets its {@link #onPublished} call.
     */
    void expect(Collection<? extends DomainEvent> events) {
        events.forEach(event -> runEvents.add(event.getEventId()));
    }

    @Override
    public void onPublished(DomainEvent event, int entries) {
        if (runEvents.contains(event.getEventId())) {
            published.addAndGet(entries);
        }
    }

    @Override
    public void onCompleted(ClaimedEntry entry, Duration duration) {
        if (runEvents.contains(entry.eventId())) {
            counts(entry.handlerName()).completed.incrementAndGet();
            finished();
        }
    }

    @Override
    public void onRetryScheduled(ClaimedEntry entry, Duration duration, Exception error, Instant nextRetryAt) {
        if (runEvents.contains(entry.eventId())) {
            counts(entry.handlerName()).retries.incrementAndGet();
        }
    }

    @Override
    public void onFailed(ClaimedEntry entry, Duration duration, Exception error) {
        if (runEvents.contains(entry.eventId())) {
            counts(entry.handlerName()).failed.incrementAndGet();
            finished();
        }
    }

    /** Whether the event was published by this run. */
    boolean isRunEvent(UUID eventId) {
        return runEvents.contains(eventId);
    }

    /** Queue entries this run's publishes created. */
    long published() {
        return published.get();
    }

    /** Entries of this run that are completed or failed. */
    long terminal() {
        return terminal.get();
    }

    /**
     * Waits until every entry published so far is completed or failed; false on timeout or
     * when {@code stop} turns true (checked whenever {@link #wakeWaiters} is called).
     */
    boolean awaitAllTerminal(Duration timeout, BooleanSupplier stop) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (terminal.get() < published.get()) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }

    /** Makes waiters look at their stop condition. */
    void wakeWaiters() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Per handler, sorted by name: completed, failed, retries scheduled. */
    Map<String, HandlerCounts> byHandler() {
        return new TreeMap<>(byHandler);
    }

    private HandlerCounts counts(String handlerName) {
        return byHandler.computeIfAbsent(handlerName, name -> new HandlerCounts());
    }

    private void finished() {
        terminal.incrementAndGet();
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** What one handler did with this run's entries. */
    static final class HandlerCounts {
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
    }
}
