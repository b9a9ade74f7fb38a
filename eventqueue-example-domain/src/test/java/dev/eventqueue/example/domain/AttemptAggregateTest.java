package dev.eventqueue.example.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.domain.DomainEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AttemptAggregateTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void createRecordsAttemptCreatedWithTheAttemptsIdentity() {
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 2, clock);

        assertThat(attempt.getDomainEvents()).singleElement().isInstanceOfSatisfying(AttemptCreated.class, created -> {
            assertThat(created.getAttemptId()).isEqualTo(attempt.getId());
            assertThat(created.getAggregateId()).isEqualTo(attempt.getId());
            assertThat(created.getTestId()).isEqualTo("test-1");
            assertThat(created.getCandidateId()).isEqualTo("candidate-1");
            assertThat(created.getOrder()).isEqualTo(2);
            assertThat(created.getEventType()).isEqualTo("AttemptCreated");
            assertThat(created.getOccurredAt()).isEqualTo(START);
        });
        assertThat(attempt.getStatus()).isEqualTo(AttemptStatus.IN_PROGRESS);
    }

    @Test
    void recordsEventsInTheOrderTheChangesHappened() {
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, clock);
        attempt.updateAnswer("q1", "A");
        attempt.updateAnswer("q2", "C");
        attempt.updateAnswer("q1", "B");
        now.set(START.plus(Duration.ofSeconds(754)));
        attempt.submit();

        List<DomainEvent> events = attempt.getDomainEvents();
        assertThat(events)
                .extracting(DomainEvent::getEventType)
                .containsExactly(
                        "AttemptCreated", "AnswerUpdated", "AnswerUpdated", "AnswerUpdated", "AttemptSubmitted");
        assertThat(events.subList(1, 4))
                .map(AnswerUpdated.class::cast)
                .extracting(AnswerUpdated::getQuestionId, AnswerUpdated::getAnswer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("q1", "A"),
                        org.assertj.core.groups.Tuple.tuple("q2", "C"),
                        org.assertj.core.groups.Tuple.tuple("q1", "B"));
        AttemptSubmitted submitted = (AttemptSubmitted) events.get(4);
        assertThat(submitted.getSecondsSpent()).isEqualTo(754);
        assertThat(submitted.getAnsweredQuestions()).isEqualTo(2);
        assertThat(events).extracting(DomainEvent::getEventId).doesNotHaveDuplicates();
    }

    @Test
    void snapshotHoldsTheStateToPersist() {
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, clock);
        attempt.updateAnswer("q1", "A");
        attempt.updateAnswer("q2", "D");
        now.set(START.plusSeconds(60));
        attempt.submit();

        Attempt state = attempt.snapshot();
        assertThat(state.status()).isEqualTo(AttemptStatus.COMPLETED);
        assertThat(state.answers()).containsExactly(java.util.Map.entry("q1", "A"), java.util.Map.entry("q2", "D"));
        assertThat(state.startedAt()).isEqualTo(START);
        assertThat(state.submittedAt()).isEqualTo(START.plusSeconds(60));
        assertThat(state.secondsSpent()).isEqualTo(60);
    }

    @Test
    void submittingTwiceIsRejectedAndRecordsNothingMore() {
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, clock);
        attempt.submit();
        attempt.clearDomainEvents();

        assertThatThrownBy(attempt::submit)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(attempt.getId())
                .hasMessageContaining("COMPLETED");
        assertThat(attempt.getDomainEvents()).isEmpty();
    }

    @Test
    void answersCannotChangeAfterSubmission() {
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, clock);
        attempt.updateAnswer("q1", "A");
        attempt.submit();

        assertThatThrownBy(() -> attempt.updateAnswer("q1", "B"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("update an answer");
        assertThat(attempt.snapshot().answers()).containsEntry("q1", "A");
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        assertThatThrownBy(() -> AttemptAggregate.create(" ", "candidate-1", 1, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testId");
        assertThatThrownBy(() -> AttemptAggregate.create("test-1", null, 1, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candidateId");
        assertThatThrownBy(() -> AttemptAggregate.create("test-1", "candidate-1", 0, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order");
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, clock);
        assertThatThrownBy(() -> attempt.updateAnswer("", "A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("questionId");
    }

    @Test
    void restoringRecordsNoEventsAndKeepsRules() {
        AttemptAggregate original = AttemptAggregate.create("test-1", "candidate-1", 1, clock);
        original.updateAnswer("q1", "A");
        original.submit();

        AttemptAggregate restored = AttemptAggregate.restore(original.snapshot(), clock);

        assertThat(restored.getDomainEvents()).isEmpty();
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
        assertThatThrownBy(restored::submit).isInstanceOf(IllegalStateException.class);
    }
}
