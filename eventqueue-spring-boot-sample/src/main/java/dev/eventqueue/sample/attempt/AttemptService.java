package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.Credentials;
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
    private final Clock clock = Clock.systemUTC();

    public AttemptService(AttemptRepository attempts, SpringEventPublisher events) {
        this.attempts = attempts;
        this.events = events;
    }

    @Transactional
    public Attempt start(String testId, String candidateId, Credentials credentials) {
        int order = attempts.countByCandidateAndTest(candidateId, testId) + 1;
        Attempt attempt = Attempt.start(testId, candidateId, order);
        attempts.insert(attempt);
        attempt.publishAndClearDomainEvents(events, credentials);
        return attempt;
    }

    @Transactional
    public Attempt submit(String attemptId, int secondsSpent, Credentials credentials) {
        Attempt attempt =
                attempts.findById(attemptId).orElseThrow(() -> new NoSuchElementException("No attempt " + attemptId));
        attempt.submit(secondsSpent, clock.instant());
        attempts.update(attempt);
        attempt.publishAndClearDomainEvents(events, credentials);
        return attempt;
    }
}
