package dev.eventqueue.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Base for aggregates that record domain events while they change, then hand them to an
 * {@link EventPublisher} once the change is saved. Not thread-safe, like the aggregate itself.
 */
public abstract class AggregateRoot {

    private final List<DomainEvent> domainEvents = new ArrayList<>();
    /** The instant each recorded event is to be delivered from, {@code null} for at once; parallel to the events. */
    private final List<Instant> deliverAts = new ArrayList<>();

    private boolean anyDelayed;

    protected void addDomainEvent(DomainEvent event) {
        domainEvents.add(Objects.requireNonNull(event, "event"));
        deliverAts.add(null);
    }

    /**
     * Records an event to be delivered at or after {@code deliverAt}, once published with the
     * others (judged by the queue's clock; a past instant means at once).
     */
    protected void addDomainEvent(DomainEvent event, Instant deliverAt) {
        Objects.requireNonNull(deliverAt, "deliverAt");
        domainEvents.add(Objects.requireNonNull(event, "event"));
        deliverAts.add(deliverAt);
        anyDelayed = true;
    }

    /** The events recorded since the last clear, in the order added; unmodifiable. */
    public List<DomainEvent> getDomainEvents() {
        return Collections.unmodifiableList(domainEvents);
    }

    /** The recorded events with their delivery instants, in the order added. */
    public List<ScheduledEvent> getScheduledDomainEvents() {
        List<ScheduledEvent> scheduled = new ArrayList<>(domainEvents.size());
        for (int i = 0; i < domainEvents.size(); i++) {
            scheduled.add(new ScheduledEvent(domainEvents.get(i), deliverAts.get(i)));
        }
        return Collections.unmodifiableList(scheduled);
    }

    public void clearDomainEvents() {
        domainEvents.clear();
        deliverAts.clear();
        anyDelayed = false;
    }

    /**
     * Publishes the recorded events in one batch and clears them; delayed ones go through
     * {@link EventPublisher#publishScheduled}. If publishing throws, the
     * events are kept so the caller can try again, and the exception is rethrown.
     *
     * @param credentials may be {@code null}
     */
    public void publishAndClearDomainEvents(EventPublisher publisher, Credentials credentials) {
        Objects.requireNonNull(publisher, "publisher");
        if (domainEvents.isEmpty()) {
            return;
        }
        if (anyDelayed) {
            publisher.publishScheduled(getScheduledDomainEvents(), credentials);
        } else {
            publisher.publishAll(List.copyOf(domainEvents), credentials);
        }
        clearDomainEvents();
    }
}
