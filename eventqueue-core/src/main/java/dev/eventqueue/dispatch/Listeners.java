package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's one observer path: fans each callback out to every observer in order, the
 * audit trail first, then the application's listeners, isolating their failures.
 */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<Observer> observers;
    private final boolean readsDurations;

    private Listeners(List<Observer> observers) {
        this.observers = List.copyOf(observers);
        this.readsDurations = observers.stream().anyMatch(Observer::readsDurations);
    }

    /**
     * The observers of a dispatcher: the audit trail on {@code auditLog} (none for
     * {@link AuditLogs#none()}), its records timed by {@code clock}, then {@code listeners} in order.
     */
    public static Listeners of(AuditLog auditLog, Clock clock, List<EventQueueListener> listeners) {
        List<Observer> observers = new ArrayList<>(listeners.size() + 1);
        if (auditLog != AuditLogs.none()) { // then no record is even built, and no clock read for one
            observers.add(new AuditTrail(auditLog, clock));
        }
        for (EventQueueListener listener : listeners) {
            observers.add(Observer.of(listener));
        }
        return new Listeners(observers);
    }

    private void each(Consumer<Observer> call) {
        for (Observer observer : observers) {
            try {
                call.accept(observer);
            } catch (Throwable e) { // an observer must never break a delivery or a loop
                LOG.warn("Listener {} threw {}", observer, SecretMasking.mask(e.toString()));
            }
        }
    }

    boolean isEmpty() {
        return observers.isEmpty();
    }

    /** Whether some observer reads how long an entry waited before it started, or its call took. */
    boolean readsDurations() {
        return readsDurations;
    }

    /** The whole publish to each observer, then its events one by one. */
    void published(Publication publication) {
        if (observers.isEmpty()) {
            return;
        }
        each(o -> o.enqueued(publication));
        for (int i = 0; i < publication.events().size(); i++) {
            int index = i;
            each(o -> o.published(publication.events().get(index), publication.entriesPerEvent()[index]));
        }
    }

    void claimed(Loop loop, int count) {
        if (!observers.isEmpty()) {
            each(o -> o.claimed(loop, count));
        }
    }

    void started(ClaimedEntry entry, Duration sinceEnqueue) {
        if (!observers.isEmpty()) {
            each(o -> o.started(entry, sinceEnqueue));
        }
    }

    void completed(ClaimedEntry entry, Duration took, boolean stored) {
        if (!observers.isEmpty()) {
            each(o -> o.completed(entry, took, stored));
        }
    }

    void completionsStored(List<ClaimedEntry> entries, Instant at) {
        if (!observers.isEmpty()) {
            each(o -> o.completionsStored(entries, at));
        }
    }

    void retryScheduled(ClaimedEntry entry, Duration took, Exception failure, String error, Instant nextRetryAt) {
        if (!observers.isEmpty()) {
            each(o -> o.retryScheduled(entry, took, failure, error, nextRetryAt));
        }
    }

    void failed(ClaimedEntry entry, Duration took, Exception failure, String error) {
        if (!observers.isEmpty()) {
            each(o -> o.failed(entry, took, failure, error));
        }
    }

    void pollError(Loop loop, Exception error) {
        if (!observers.isEmpty()) {
            each(o -> o.pollError(loop, error));
        }
    }
}
