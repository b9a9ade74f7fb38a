package dev.eventqueue.example.demo;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptAggregate;
import dev.eventqueue.example.persistence.AttemptRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The traffic of an online test: for each candidate a manager opens an attempt, the candidate
 * answers questions and submits. Every step is one save: state and events in one unit of work.
 */
final class DemoScenario {

    private static final String[] CHOICES = {"A", "B", "C", "D"};
    private static final Credentials MANAGER = new Credentials("manager-01", "MANAGER");

    private final AttemptRepository repository;
    private final RunTally tally;
    private final Clock clock;
    private final AtomicInteger saved = new AtomicInteger();

    DemoScenario(AttemptRepository repository, RunTally tally, Clock clock) {
        this.repository = repository;
        this.tally = tally;
        this.clock = clock;
    }

    /**
     * Runs {@code attempts} attempts one after another, until {@code stop} turns true; returns the
     * first one's trace ({@code null} if stopped before it completed).
     */
    AttemptTrace run(int attempts, int answersPerAttempt, BooleanSupplier stop) {
        AttemptTrace first = null;
        for (int i = 1; i <= attempts && !stop.getAsBoolean(); i++) {
            AttemptTrace trace = runOne(i, answersPerAttempt);
            if (first == null) {
                first = trace;
            }
            saved.incrementAndGet();
        }
        return first;
    }

    /** Attempts fully saved (created, answered and submitted) so far. */
    int saved() {
        return saved.get();
    }

    private AttemptTrace runOne(int number, int answersPerAttempt) {
        String candidateId = String.format("candidate-%04d", number);
        Credentials candidate = new Credentials(candidateId, "CANDIDATE");
        List<DomainEvent> events = new ArrayList<>();

        AttemptAggregate attempt = AttemptAggregate.create("test-" + (1 + number % 3), candidateId, 1, clock);
        save(attempt, MANAGER, events);
        for (int q = 1; q <= answersPerAttempt; q++) {
            attempt.updateAnswer("q" + q, CHOICES[(number + q) % CHOICES.length]);
        }
        save(attempt, candidate, events);
        attempt.submit();
        save(attempt, candidate, events);
        return new AttemptTrace(attempt.getId(), candidateId, List.copyOf(events));
    }

    private void save(AttemptAggregate attempt, Credentials credentials, List<DomainEvent> events) {
        List<DomainEvent> recorded = List.copyOf(attempt.getDomainEvents());
        tally.expect(recorded);
        repository.save(attempt, credentials);
        events.addAll(recorded);
    }

    /** One attempt's id, candidate and events in the order they happened. */
    record AttemptTrace(String attemptId, String candidateId, List<DomainEvent> events) {}
}
