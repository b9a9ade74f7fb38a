package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptAggregate;
import dev.eventqueue.spring.SpringEventPublisher;
import java.time.Clock;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application service: each method saves the aggregate and publishes its events in one
 * transaction. With {@code eventqueue.use-database=true} the queue entries are written on the
 * transaction's connection, so they commit or roll back with the attempt; handlers start after
 * the commit.
 */
@Service
public class AttemptService {

    private final AttemptRepository attempts;
    private final SpringEventPublisher events;
    private final Clock clock;

    public AttemptService(AttemptRepository attempts, SpringEventPublisher events, Clock clock) {
        this.attempts = attempts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Attempt start(String testId, String candidateId, Credentials credentials) {
        int order = attempts.countByCandidateAndTest(candidateId, testId) + 1;
        AttemptAggregate attempt = AttemptAggregate.create(testId, candidateId, order, clock);
        attempts.insert(attempt.snapshot());
        attempt.publishAndClearDomainEvents(events, credentials);
        return attempt.snapshot();
    }

    @Transactional
    public Attempt submit(String attemptId, Credentials credentials) {
        Attempt stored =
                attempts.findById(attemptId).orElseThrow(() -> new NoSuchElementException("No attempt " + attemptId));
        AttemptAggregate attempt = AttemptAggregate.restore(stored, clock);
        attempt.submit();
        attempts.update(attempt.snapshot());
        attempt.publishAndClearDomainEvents(events, credentials);
        return attempt.snapshot();
    }
}
