package dev.eventqueue.readme;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import dev.eventqueue.QueueStats;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.example.domain.AttemptAggregate;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of docs/getting-started.md as code: each {@code tag::} region is a code block of that
 * guide, and {@link GettingStartedTest} runs the steps in order.
 */
public final class QuickStartExample {

    private static final Logger log = LoggerFactory.getLogger(QuickStartExample.class);

    /** A mail server that can be down. */
    static final class TestMailServer implements MailGateway {
        volatile boolean up;
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(String to, String text) throws IOException {
            if (!up) {
                throw new IOException("mail server unreachable");
            }
            sent.add(to + ": " + text);
        }
    }

    final Set<String> answerSheets = ConcurrentHashMap.newKeySet();
    final List<String> auditTrail = new CopyOnWriteArrayList<>();
    final TestMailServer mail = new TestMailServer();
    EventDispatcher dispatcher;
    String attemptId;
    QueueStats stats;
    int retried;
    HealthReport health;

    void startDispatcher(EventQueueConfig config) {
        // tag::dispatcher[]
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config) // e.g. EventQueueConfig.fromEnvironment()
                .handler(new AttemptCreatedHandler(answerSheets))
                .handler(new AttemptAuditHandler(auditTrail))
                .handler(new SubmissionMailHandler(mail))
                .build();

        // Start the event processing
        dispatcher.start();

        // Stop when shutting down: running handlers finish, unstarted entries go back to the queue
        Runtime.getRuntime().addShutdownHook(new Thread(dispatcher::stop));
        // end::dispatcher[]
        this.dispatcher = dispatcher;
    }

    void createAndSubmitAnAttempt() {
        // tag::publish[]
        AttemptRepository attempts = new AttemptRepository(dispatcher);
        Credentials candidate = new Credentials("candidate-7", "CANDIDATE");

        AttemptAggregate attempt = AttemptAggregate.create("test-42", "candidate-7", 1, Clock.systemUTC());
        attempts.save(attempt, candidate); // publishes AttemptCreated

        attempt.submit();
        attempts.save(attempt, candidate); // publishes AttemptSubmitted
        // end::publish[]
        this.attemptId = attempt.getId();
    }

    void readStats() {
        // tag::stats[]
        QueueStats stats = dispatcher.getStats();
        log.info("Queue: {}", stats);
        // QueueStats[pending=0, processing=0, completed=3, failed=1, activeHandlers=0]
        // end::stats[]
        this.stats = stats;
    }

    void retryFailedEvents() {
        // tag::retry[]
        int retried = dispatcher.retryFailedEvents(10);
        log.info("Retried {} failed events", retried);
        // end::retry[]
        this.retried = retried;
    }

    void checkHealth() {
        // tag::health[]
        HealthReport health = dispatcher.getHealth(); // UP, DEGRADED (backlog too old) or DOWN (store unreachable)
        log.info("Event queue is {}: {}", health.status(), health.details());
        // end::health[]
        this.health = health;
    }

    void stop() {
        dispatcher.stop();
    }
}
