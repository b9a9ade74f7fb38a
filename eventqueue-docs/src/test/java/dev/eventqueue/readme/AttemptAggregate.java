package dev.eventqueue.readme;

import dev.eventqueue.domain.AggregateRoot;

// tag::aggregate[]
public class AttemptAggregate extends AggregateRoot {

    private final String id;
    private final String testId;
    private final String candidateId;
    private String status = "IN_PROGRESS";
    private long secondsSpent;

    private AttemptAggregate(String id, String testId, String candidateId) {
        this.id = id;
        this.testId = testId;
        this.candidateId = candidateId;
    }

    public static AttemptAggregate create(String id, String testId, String candidateId, int order) {
        AttemptAggregate attempt = new AttemptAggregate(id, testId, candidateId);
        attempt.addDomainEvent(new AttemptCreatedEvent(id, testId, candidateId, order));
        return attempt;
    }

    public void submit(long secondsSpent) {
        // Business logic
        this.status = "COMPLETED";
        this.secondsSpent = secondsSpent;

        // Add domain event
        addDomainEvent(AttemptSubmittedEvent.of(id, testId, candidateId, secondsSpent));
    }

    public String getId() {
        return id;
    }

    public String getStatus() {
        return status;
    }

    public long getSecondsSpent() {
        return secondsSpent;
    }
}
// end::aggregate[]
