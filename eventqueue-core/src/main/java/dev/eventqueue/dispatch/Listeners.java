package dev.eventqueue.dispatch;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans one callback out to every registered listener, isolating their failures. */
public final class Listeners implements EventQueueListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<EventQueueListener> listeners;

    public Listeners(List<EventQueueListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<EventQueueListener> call) {
        for (EventQueueListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Throwable e) { // an observer must never break a delivery or a loop
                LOG.warn("Listener {} threw {}", listener.getClass().getName(), SecretMasking.mask(e.toString()));
            }
        }
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    @Override
    public void onPublished(DomainEvent event, int entries) {
        if (!listeners.isEmpty()) {
            each(l -> l.onPublished(event, entries));
        }
    }

    @Override
    public void onClaimed(Loop loop, int count) {
        if (!listeners.isEmpty()) {
            each(l -> l.onClaimed(loop, count));
        }
    }

    @Override
    public void onStarted(ClaimedEntry entry, Duration sinceEnqueue) {
        if (!listeners.isEmpty()) {
            each(l -> l.onStarted(entry, sinceEnqueue));
        }
    }

    @Override
    public void onCompleted(ClaimedEntry entry, Duration duration) {
        if (!listeners.isEmpty()) {
            each(l -> l.onCompleted(entry, duration));
        }
    }

    @Override
    public void onRetryScheduled(ClaimedEntry entry, Duration duration, Exception error, Instant nextRetryAt) {
        if (!listeners.isEmpty()) {
            each(l -> l.onRetryScheduled(entry, duration, error, nextRetryAt));
        }
    }

    @Override
    public void onFailed(ClaimedEntry entry, Duration duration, Exception error) {
        if (!listeners.isEmpty()) {
            each(l -> l.onFailed(entry, duration, error));
        }
    }

    @Override
    public void onPollError(Loop loop, Exception error) {
        if (!listeners.isEmpty()) {
            each(l -> l.onPollError(loop, error));
        }
    }
}
