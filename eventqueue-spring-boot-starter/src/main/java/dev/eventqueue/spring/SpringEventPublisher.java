package dev.eventqueue.spring;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.AggregateRoot;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.domain.ScheduledEvent;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@link EventPublisher} to inject in Spring applications. Publishing joins the caller's
 * Spring-managed transaction when the queue is in the application's database (entries commit or
 * roll back with it; handlers run after commit); with the in-memory queue, entries are enqueued
 * after the commit. Publishes without credentials take them from the {@link CredentialsProvider}
 * (Spring Security's authentication when present).
 *
 * <p>Finds the dispatcher lazily, so handlers may inject this publisher to publish follow-up events.
 */
public final class SpringEventPublisher implements EventPublisher {

    private final Supplier<EventDispatcher> dispatcher;
    private final CredentialsProvider credentialsProvider;

    public SpringEventPublisher(Supplier<EventDispatcher> dispatcher, CredentialsProvider credentialsProvider) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
    }

    /** Publishes with the current credentials. */
    public void publish(DomainEvent event) {
        publish(event, null);
    }

    /** @param credentials {@code null} to use the current credentials */
    @Override
    public void publish(DomainEvent event, Credentials credentials) {
        dispatcher.get().publish(event, orCurrent(credentials));
    }

    /** @param credentials {@code null} to use the current credentials */
    @Override
    public void publishAll(List<? extends DomainEvent> events, Credentials credentials) {
        dispatcher.get().publishAll(events, orCurrent(credentials));
    }

    /** Delayed events; @param credentials {@code null} to use the current credentials */
    @Override
    public void publishScheduled(List<ScheduledEvent> events, Credentials credentials) {
        dispatcher.get().publishScheduled(events, orCurrent(credentials));
    }

    /** Publishes the aggregate's recorded events with the current credentials and clears them. */
    public void publishAndClear(AggregateRoot aggregate) {
        aggregate.publishAndClearDomainEvents(this, null);
    }

    private Credentials orCurrent(Credentials credentials) {
        return credentials != null ? credentials : credentialsProvider.currentCredentials();
    }
}
