package dev.eventqueue.example.domain;

import dev.eventqueue.domain.AggregateRoot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An online-test attempt: a candidate starts it, answers questions, and submits it once.
 * Each change records a domain event; a repository saves the state and publishes the events
 * together. Not thread-safe, like any aggregate.
 */
public final class AttemptAggregate extends AggregateRoot {

    private final Clock clock;
    private final String id;
    private final String testId;
    private final String candidateId;
    private final int order;
    private final Instant startedAt;
    private final Map<String, String> answers;
    private AttemptStatus status;
    private Instant submittedAt;
    private long secondsSpent;

    private AttemptAggregate(Attempt state, Clock clock) {
        this.clock = clock;
        this.id = state.id();
        this.testId = state.testId();
        this.candidateId = state.candidateId();
        this.order = state.order();
        this.startedAt = state.startedAt();
        this.answers = new LinkedHashMap<>(state.answers());
        this.status = state.status();
        this.submittedAt = state.submittedAt();
        this.secondsSpent = state.secondsSpent();
    }

    // tag::aggregate[]
    /** Starts a new attempt and records {@link AttemptCreated}. */
    public static AttemptAggregate create(String testId, String candidateId, int order, Clock clock) {
        requireText("testId", testId);
        requireText("candidateId", candidateId);
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1, but was " + order);
        }
        Objects.requireNonNull(clock, "clock");
        Instant now = now(clock);
        Attempt state = new Attempt(
                UUID.randomUUID().toString(),
                testId,
                candidateId,
                order,
                AttemptStatus.IN_PROGRESS,
                Map.of(),
                now,
                null,
                0);
        AttemptAggregate aggregate = new AttemptAggregate(state, clock);
        aggregate.addDomainEvent(new AttemptCreated(UUID.randomUUID(), now, state.id(), testId, candidateId, order));
        return aggregate;
    }

    /**
     * Sets the answer to one question and records {@link AnswerUpdated}.
     *
     * @throws IllegalStateException when the attempt was already submitted
     */
    public void updateAnswer(String questionId, String answer) {
        requireText("questionId", questionId);
        Objects.requireNonNull(answer, "answer");
        requireInProgress("update an answer of");
        answers.put(questionId, answer);
        addDomainEvent(new AnswerUpdated(UUID.randomUUID(), now(clock), id, questionId, answer));
    }

    /**
     * Hands the attempt in and records {@link AttemptSubmitted}.
     *
     * @throws IllegalStateException when the attempt was already submitted
     */
    public void submit() {
        requireInProgress("submit");
        Instant now = now(clock);
        status = AttemptStatus.COMPLETED;
        submittedAt = now;
        secondsSpent = Math.max(0, Duration.between(startedAt, now).toSeconds());
        addDomainEvent(
                new AttemptSubmitted(UUID.randomUUID(), now, id, testId, candidateId, secondsSpent, answers.size()));
    }
    // end::aggregate[]

    /** Rebuilds an aggregate from stored state; records no event. */
    public static AttemptAggregate restore(Attempt state, Clock clock) {
        return new AttemptAggregate(Objects.requireNonNull(state, "state"), Objects.requireNonNull(clock, "clock"));
    }

    public String getId() {
        return id;
    }

    public AttemptStatus getStatus() {
        return status;
    }

    /** The state to persist. */
    public Attempt snapshot() {
        return new Attempt(id, testId, candidateId, order, status, answers, startedAt, submittedAt, secondsSpent);
    }

    private void requireInProgress(String action) {
        if (status != AttemptStatus.IN_PROGRESS) {
            throw new IllegalStateException("Cannot " + action + " attempt " + id + ": it is " + status);
        }
    }

    // Microseconds: what the databases keep, so a stored attempt reads back equal to the saved one.
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
