package dev.eventqueue.domain;

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

    protected void addDomainEvent(DomainEvent event) {
        domainEvents.add(Objects.requireNonNull(event, "event"));
    }

    /** The events recorded since the last clear, in the order added; unmodifiable. */
    public List<DomainEvent> getDomainEvents() {
        return Collections.unmodifiableList(domainEvents);
    }

    public void clearDomainEvents() {
        domainEvents.clear();
    }

    /**
     * Publishes the recorded events in one batch and clears them. If publishing throws, the
     * events are kept so the caller can try again, and the exception is rethrown.
     *
     * @param credentials may be {@code null}
     */
    public void publishAndClearDomainEvents(EventPublisher publisher, Credentials credentials) {
        Objects.requireNonNull(publisher, "publisher");
        if (domainEvents.isEmpty()) {
            return;
        }
        publisher.publishAll(List.copyOf(domainEvents), credentials);
        domainEvents.clear();
    }
}
