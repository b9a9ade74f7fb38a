package dev.eventqueue.jdbc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.serialization.EventPayloadException;
import dev.eventqueue.serialization.EventTypeRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JacksonEventSerializerTest {

    private final JacksonEventSerializer serializer = new JacksonEventSerializer();
    private final EventTypeRegistry types = new EventTypeRegistry();

    /** A record event, the recommended shape. */
    public record AttemptSubmitted(
            UUID eventId, Instant occurredAt, String attemptId, int secondsSpent, List<String> answers)
            implements DomainEvent {
        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return "AttemptSubmitted";
        }

        @Override
        public Instant getOccurredAt() {
            return occurredAt;
        }

        @Override
        public String getAggregateId() {
            return attemptId;
        }
    }

    /** The usual event class: final fields, a convenience constructor and a rehydration constructor. */
    public static final class AttemptCreatedEvent extends AbstractDomainEvent {
        private final String attemptId;
        private final String candidateId;
        private final int order;

        public AttemptCreatedEvent(String attemptId, String candidateId, int order) {
            this(null, null, attemptId, candidateId, order);
        }

        public AttemptCreatedEvent(UUID eventId, Instant occurredAt, String attemptId, String candidateId, int order) {
            super(eventId, occurredAt);
            this.attemptId = attemptId;
            this.candidateId = candidateId;
            this.order = order;
        }

        @Override
        public String getEventType() {
            return "AttemptCreated";
        }

        public String getAttemptId() {
            return attemptId;
        }

        public String getCandidateId() {
            return candidateId;
        }

        public int getOrder() {
            return order;
        }
    }

    /** A class with a no-arg constructor and setters; its id lives in AbstractDomainEvent's final fields. */
    public static final class AnswerUpdated extends AbstractDomainEvent {
        private String answer;

        public AnswerUpdated() {}

        public AnswerUpdated(String answer) {
            this.answer = answer;
        }

        public String getAnswer() {
            return answer;
        }

        public void setAnswer(String answer) {
            this.answer = answer;
        }
    }

    /** Counts constructions, to prove the serializer never instantiates an unregistered type. */
    public static final class Unregistered extends AbstractDomainEvent {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();

        public Unregistered() {
            CONSTRUCTED.incrementAndGet();
        }
    }

    @Test
    void recordRoundTripsWithIdAndTimeExact() {
        AttemptSubmitted event = new AttemptSubmitted(
                UUID.randomUUID(), Instant.parse("2024-02-29T23:59:59.123456789Z"), "a-1", 95, List.of("x", "y"));
        types.register(AttemptSubmitted.class);

        DomainEvent back = serializer.deserialize("AttemptSubmitted", serializer.serialize(event), types);

        assertThat(back).isEqualTo(event);
    }

    @Test
    void classWithFinalFieldsIsReadThroughItsRehydrationConstructor() {
        AttemptCreatedEvent event = new AttemptCreatedEvent("a-7", "c-3", 2);
        types.register("AttemptCreated", AttemptCreatedEvent.class);

        AttemptCreatedEvent back =
                (AttemptCreatedEvent) serializer.deserialize("AttemptCreated", serializer.serialize(event), types);

        assertThat(back.getEventId()).isEqualTo(event.getEventId());
        assertThat(back.getOccurredAt()).isEqualTo(event.getOccurredAt());
        assertThat(back).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void classWithNoArgConstructorKeepsItsIdAndTime() {
        AnswerUpdated event = new AnswerUpdated("42");
        types.register(AnswerUpdated.class);

        AnswerUpdated back =
                (AnswerUpdated) serializer.deserialize("AnswerUpdated", serializer.serialize(event), types);

        assertThat(back.getEventId()).isEqualTo(event.getEventId());
        assertThat(back.getOccurredAt()).isEqualTo(event.getOccurredAt());
        assertThat(back.getAnswer()).isEqualTo("42");
    }

    @Test
    void unknownTypeIsAClearErrorAndInstantiatesNothing() {
        types.register(AnswerUpdated.class);
        int before = Unregistered.CONSTRUCTED.get();

        assertThatThrownBy(() ->
                        serializer.deserialize("Unregistered", "{\"eventId\":\"" + UUID.randomUUID() + "\"}", types))
                .isInstanceOf(EventPayloadException.class)
                .hasMessageContaining("Unknown event type 'Unregistered'")
                .hasMessageContaining("AnswerUpdated")
                .hasMessageContaining("eventType(");
        assertThat(Unregistered.CONSTRUCTED.get()).isEqualTo(before);
    }

    @Test
    void classNamesInThePayloadAreIgnored() {
        types.register(AnswerUpdated.class);
        UUID id = UUID.randomUUID();
        String payload = "{\"@class\":\"" + Unregistered.class.getName() + "\",\"eventId\":\"" + id
                + "\",\"occurredAt\":\"2024-01-01T00:00:00Z\",\"answer\":\"a\"}";
        int before = Unregistered.CONSTRUCTED.get();

        DomainEvent back = serializer.deserialize("AnswerUpdated", payload, types);

        assertThat(back).isInstanceOf(AnswerUpdated.class);
        assertThat(back.getEventId()).isEqualTo(id);
        assertThat(Unregistered.CONSTRUCTED.get()).isEqualTo(before);
    }

    @Test
    void brokenJsonIsAClearError() {
        types.register(AnswerUpdated.class);

        assertThatThrownBy(() -> serializer.deserialize("AnswerUpdated", "{\"eventId\": \"not-a-uuid", types))
                .isInstanceOf(EventPayloadException.class)
                .hasMessageContaining("Cannot read the JSON payload of event type 'AnswerUpdated'")
                .hasMessageContaining(AnswerUpdated.class.getName());
    }

    @Test
    void payloadWithoutEventIdIsRejected() {
        types.register(AttemptSubmitted.class);

        assertThatThrownBy(() -> serializer.deserialize("AttemptSubmitted", "{\"attemptId\":\"a\"}", types))
                .isInstanceOf(EventPayloadException.class)
                .hasMessageContaining("has no event id");
    }

    @Test
    void unknownPropertiesAreIgnoredSoEventsCanGainFields() {
        types.register(AttemptSubmitted.class);
        UUID id = UUID.randomUUID();

        DomainEvent back = serializer.deserialize(
                "AttemptSubmitted",
                "{\"eventId\":\"" + id
                        + "\",\"occurredAt\":\"2024-01-01T00:00:00Z\",\"attemptId\":\"a\",\"addedLater\":true}",
                types);

        assertThat(back.getEventId()).isEqualTo(id);
        assertThat(back.getAggregateId()).isEqualTo("a");
    }
}
