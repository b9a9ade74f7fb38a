package dev.eventqueue.example.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.example.domain.AnswerUpdated;
import dev.eventqueue.example.domain.AttemptCreated;
import dev.eventqueue.example.domain.AttemptSubmitted;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandler;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExampleHandlersTest {

    private static final Credentials CANDIDATE = new Credentials("candidate-1", "CANDIDATE");

    private final HandlerActivity activity = new HandlerActivity();
    private final AttemptCreated created = new AttemptCreated(null, null, "a-1", "t-1", "candidate-1", 1);
    private final AnswerUpdated answered = new AnswerUpdated(null, null, "a-1", "q1", "B");
    private final AttemptSubmitted submitted = new AttemptSubmitted(null, null, "a-1", "t-1", "candidate-1", 30, 1);

    @Test
    void attemptCreatedHandlerIsAHighPriorityBackgroundHandler() throws Exception {
        AttemptCreatedHandler handler = new AttemptCreatedHandler(activity);

        assertThat(handler.getPriority()).isEqualTo(10);
        assertThat(handler.isBackground()).isTrue();
        assertThat(handler.canHandle(created)).isTrue();
        assertThat(handler.canHandle(submitted)).isFalse();
        assertThat(handler.getEventClass()).isEqualTo(AttemptCreated.class);
        deliver(handler, created, 1);
        assertThat(activity.handledBy(AttemptCreatedHandler.NAME)).isEqualTo(1);
    }

    @Test
    void auditHandlerTakesEveryAttemptEventAndNeedsTheUser() throws Exception {
        AttemptAuditHandler handler = new AttemptAuditHandler(activity);

        assertThat(handler.getSupportedEventTypes())
                .containsExactlyInAnyOrder("AttemptCreated", "AnswerUpdated", "AttemptSubmitted");
        assertThat(handler.canHandle(created)).isTrue();
        assertThat(handler.canHandle(answered)).isTrue();
        assertThat(handler.canHandle(submitted)).isTrue();
        deliver(handler, answered, 1);
        assertThat(activity.handledBy(AttemptAuditHandler.NAME)).isEqualTo(1);

        try (EventContext.Scope scope = EventContext.open(UUID.randomUUID(), AttemptAuditHandler.NAME, 1, null)) {
            assertThatThrownBy(() -> handler.deliver(answered))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("No user");
        }
        assertThat(activity.handledBy(AttemptAuditHandler.NAME)).isEqualTo(1);
    }

    @Test
    void scoringFailsOnTheFirstAttemptAndSucceedsOnTheSecond() throws Exception {
        ScoringHandler handler = new ScoringHandler(activity, Duration.ofMillis(300));

        assertThat(handler.canHandle(submitted)).isTrue();
        assertThat(handler.canHandle(created)).isFalse();
        assertThat(handler.getRetryDelay()).isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> deliver(handler, submitted, 1))
                .isInstanceOf(ScoringHandler.ScoringUnavailableException.class);
        assertThat(activity.handledBy(ScoringHandler.NAME)).isZero();
        deliver(handler, submitted, 2);
        assertThat(activity.handledBy(ScoringHandler.NAME)).isEqualTo(1);
    }

    @Test
    void notificationAlwaysFailsAndRecordsItsOnFailureCall() {
        NotificationHandler handler = new NotificationHandler(activity, Duration.ofMillis(100));

        assertThat(handler.getMaxRetries()).isEqualTo(NotificationHandler.MAX_RETRIES);
        assertThat(handler.isBackground()).isTrue();
        for (int attempt = 1; attempt <= 3; attempt++) {
            int number = attempt;
            assertThatThrownBy(() -> deliver(handler, submitted, number))
                    .isInstanceOf(NotificationHandler.MailRefusedException.class);
        }
        assertThat(activity.gaveUpOn(NotificationHandler.NAME)).isEmpty();

        handler.deliveryFailed(submitted, new NotificationHandler.MailRefusedException("x"), 3);

        assertThat(activity.gaveUpOn(NotificationHandler.NAME)).containsExactly(submitted.getEventId());
    }

    @Test
    void allFourHaveDistinctNamesAndTheEntryCountMatches() {
        assertThat(ExampleHandlers.all(activity, Duration.ofMillis(1)))
                .extracting(EventHandler::getName)
                .containsExactlyInAnyOrder(
                        AttemptCreatedHandler.NAME,
                        AttemptAuditHandler.NAME,
                        ScoringHandler.NAME,
                        NotificationHandler.NAME);
        // AttemptCreated: created + audit; each AnswerUpdated: audit; AttemptSubmitted: audit + scoring + notification
        assertThat(ExampleHandlers.entriesPerAttempt(2)).isEqualTo(7);
    }

    private static <E extends dev.eventqueue.domain.DomainEvent> void deliver(
            EventHandler<E> handler, E event, int attempt) throws Exception {
        try (EventContext.Scope scope = EventContext.open(UUID.randomUUID(), handler.getName(), attempt, CANDIDATE)) {
            handler.deliver(event);
        }
    }
}
