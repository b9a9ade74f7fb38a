package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.AggregateRoot;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The aggregate: records its domain events as it changes; the service publishes them when it saves. */
public final class Attempt extends AggregateRoot {

    public enum Status {
        IN_PROGRESS,
        COMPLETED
    }

    private final String id;
    private final String testId;
    private final String candidateId;
    private Status status;
    private int secondsSpent;

    Attempt(String id, String testId, String candidateId, Status status, int secondsSpent) {
        this.id = id;
        this.testId = testId;
        this.candidateId = candidateId;
        this.status = status;
        this.secondsSpent = secondsSpent;
    }

    public static Attempt start(String testId, String candidateId, int order) {
        Attempt attempt = new Attempt(
                UUID.randomUUID().toString(),
                Objects.requireNonNull(testId, "testId"),
                Objects.requireNonNull(candidateId, "candidateId"),
                Status.IN_PROGRESS,
                0);
        attempt.addDomainEvent(new AttemptCreated(attempt.id, testId, candidateId, order));
        return attempt;
    }

    public void submit(int secondsSpent, Instant now) {
        if (status == Status.COMPLETED) {
            throw new IllegalStateException("Attempt " + id + " was already submitted");
        }
        if (secondsSpent < 0) {
            throw new IllegalArgumentException("secondsSpent must be >= 0, but was " + secondsSpent);
        }
        this.status = Status.COMPLETED;
        this.secondsSpent = secondsSpent;
        addDomainEvent(new AttemptSubmitted(id, testId, candidateId, secondsSpent, now));
    }

    public String id() {
        return id;
    }

    public String testId() {
        return testId;
    }

    public String candidateId() {
        return candidateId;
    }

    public Status status() {
        return status;
    }

    public int secondsSpent() {
        return secondsSpent;
    }
}
