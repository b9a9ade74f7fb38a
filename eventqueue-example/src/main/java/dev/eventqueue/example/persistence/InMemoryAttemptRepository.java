package dev.eventqueue.example.persistence;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptAggregate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts in a map, for the in-memory queue. Publishing comes first and the state is kept only
 * if it succeeded, so a failing publish leaves no attempt behind (the closest an in-memory store
 * gets to one transaction).
 */
public final class InMemoryAttemptRepository implements AttemptRepository {

    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final EventPublisher publisher;

    public InMemoryAttemptRepository(EventPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void save(AttemptAggregate attempt, Credentials credentials) {
        List<DomainEvent> events = List.copyOf(attempt.getDomainEvents());
        if (!events.isEmpty()) {
            publisher.publishAll(events, credentials);
        }
        attempts.put(attempt.getId(), attempt.snapshot());
        attempt.clearDomainEvents();
    }

    @Override
    public Optional<Attempt> findById(String attemptId) {
        return Optional.ofNullable(attempts.get(attemptId));
    }
}
