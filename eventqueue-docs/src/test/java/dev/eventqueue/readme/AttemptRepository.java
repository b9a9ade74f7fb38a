package dev.eventqueue.readme;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.domain.AttemptAggregate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

// tag::repository[]
public class AttemptRepository {

    private final Map<String, AttemptAggregate> rows = new ConcurrentHashMap<>(); // stands in for your table
    private final EventPublisher publisher;

    public AttemptRepository(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void save(AttemptAggregate attempt, Credentials credentials) {
        // Your existing save logic
        rows.put(attempt.getId(), attempt);

        // NEW: publish domain events (kept on the aggregate if publishing fails)
        attempt.publishAndClearDomainEvents(publisher, credentials);
    }
}
// end::repository[]
