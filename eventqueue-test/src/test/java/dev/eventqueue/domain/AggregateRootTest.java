package dev.eventqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.testing.events.TestEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AggregateRootTest {

    /** An aggregate that records what happens to it. */
    static final class Attempt extends AggregateRoot {
        void record(DomainEvent event) {
            addDomainEvent(event);
        }
    }

    /** Remembers every batch it was given; can be told to fail. */
    static final class RecordingPublisher implements EventPublisher {
        final List<List<? extends DomainEvent>> batches = new ArrayList<>();
        final List<Credentials> credentials = new ArrayList<>();
        RuntimeException failure;

        @Override
        public void publish(DomainEvent event, Credentials credentials) {
            publishAll(List.of(event), credentials);
        }

        @Override
        public void publishAll(List<? extends DomainEvent> events, Credentials credentials) {
            if (failure != null) {
                throw failure;
            }
            batches.add(events); // as given: the test checks the aggregate hands over a snapshot
            this.credentials.add(credentials);
        }
    }

    private final Attempt aggregate = new Attempt();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final TestEvent first = TestEvent.of("AttemptCreated", 1);
    private final TestEvent second = TestEvent.of("AttemptSubmitted", 2);

    @Test
    void keepsEventsInTheOrderAddedBehindAnUnmodifiableView() {
        aggregate.record(first);
        aggregate.record(second);

        assertThat(aggregate.getDomainEvents()).containsExactly(first, second);
        assertThatThrownBy(() -> aggregate.getDomainEvents().add(first))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> aggregate.record(null)).isInstanceOf(NullPointerException.class);
        aggregate.clearDomainEvents();
        assertThat(aggregate.getDomainEvents()).isEmpty();
    }

    @Test
    void publishAndClearPublishesAllEventsInOneBatchWithTheCredentialsThenClears() {
        Credentials candidate = new Credentials("c-1", "CANDIDATE");
        aggregate.record(first);
        aggregate.record(second);

        aggregate.publishAndClearDomainEvents(publisher, candidate);

        assertThat(publisher.batches).containsExactly(List.of(first, second));
        assertThat(publisher.credentials).containsExactly(candidate);
        assertThat(aggregate.getDomainEvents()).isEmpty();
    }

    @Test
    void credentialsMayBeNullAndNothingIsPublishedWhenThereAreNoEvents() {
        aggregate.publishAndClearDomainEvents(publisher, null);
        assertThat(publisher.batches).isEmpty();

        aggregate.record(first);
        aggregate.publishAndClearDomainEvents(publisher, null);
        assertThat(publisher.batches).containsExactly(List.of(first));
        assertThat(publisher.credentials).containsExactly((Credentials) null);
    }

    @Test
    void aPublishingFailureIsRethrownAndTheEventsAreKept() {
        aggregate.record(first);
        aggregate.record(second);
        publisher.failure = new IllegalStateException("queue unreachable");

        assertThatThrownBy(() -> aggregate.publishAndClearDomainEvents(publisher, null))
                .isSameAs(publisher.failure);
        assertThat(aggregate.getDomainEvents()).containsExactly(first, second);

        publisher.failure = null;
        aggregate.publishAndClearDomainEvents(publisher, null);
        assertThat(publisher.batches).containsExactly(List.of(first, second));
        assertThat(aggregate.getDomainEvents()).isEmpty();
    }

    @Test
    void theSnapshotHandedToThePublisherDoesNotChangeWhenTheAggregateClears() {
        aggregate.record(first);
        aggregate.publishAndClearDomainEvents(publisher, null);
        aggregate.record(second);

        List<DomainEvent> handedOver = List.copyOf(publisher.batches.get(0)); // copied now, after the clear
        assertThat(handedOver).containsExactly(first);
    }

    static final class ScoreChanged extends AbstractDomainEvent {
        ScoreChanged() {}

        ScoreChanged(UUID eventId, Instant occurredAt) {
            super(eventId, occurredAt);
        }
    }

    @Test
    void abstractDomainEventHasARandomIdTheCurrentTimeAndItsSimpleNameAsType() {
        Instant before = Instant.now();
        ScoreChanged one = new ScoreChanged();
        ScoreChanged two = new ScoreChanged();

        assertThat(one.getEventId()).isNotNull().isNotEqualTo(two.getEventId());
        assertThat(one.getOccurredAt()).isBetween(before, Instant.now());
        assertThat(one.getEventType()).isEqualTo("ScoreChanged");
        assertThat(one.getAggregateId()).isNull();
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void abstractDomainEventRehydrationKeepsIdentityAndTime() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2020-01-02T03:04:05.678Z");

        ScoreChanged rehydrated = new ScoreChanged(id, at);

        assertThat(rehydrated.getEventId()).isEqualTo(id);
        assertThat(rehydrated.getOccurredAt()).isEqualTo(at);
        assertThat(rehydrated).isEqualTo(new ScoreChanged(id, at)).hasSameHashCodeAs(new ScoreChanged(id, at));
    }

    @Test
    void credentialsNeverShowTheUserIdWhenPrinted() {
        assertThat(new Credentials("user-secret-9", "MANAGER").toString())
                .doesNotContain("user-secret-9")
                .contains("MANAGER");
    }
}
