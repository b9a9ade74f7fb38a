package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.EventType;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.AnswerUpdatedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a node learns the type name of an event class it registers, and what it refuses. */
class EventTypeNamingTest {

    @EventType("ScoreChanged")
    static final class ScoreChangedEvent extends AbstractDomainEvent {
        ScoreChangedEvent() {}
    }

    /** Annotated with one name, reporting another. */
    @EventType("GradeGiven")
    static final class MislabelledEvent extends AbstractDomainEvent {
        @Override
        public String getEventType() {
            return "SomethingElse";
        }
    }

    @Test
    void theAnnotationNamesTheTypeAndAbstractDomainEventReportsIt() {
        EventTypeRegistry registry = new EventTypeRegistry();

        assertThat(registry.register(ScoreChangedEvent.class)).isEqualTo("ScoreChanged");
        assertThat(new ScoreChangedEvent().getEventType()).isEqualTo("ScoreChanged");
        assertThat(registry.resolve("ScoreChanged")).contains(ScoreChangedEvent.class);
    }

    @Test
    void withoutAnAnnotationTheNameComesFromAnInstanceTheClassCanMake() {
        EventTypeRegistry registry = new EventTypeRegistry();

        assertThat(registry.register(AnswerUpdatedEvent.class)).isEqualTo("AnswerUpdated");
        assertThat(registry.register(SeatReservedEvent.class)).isEqualTo("SeatReservedEvent");
        assertThat(registry.resolve("AnswerUpdated")).contains(AnswerUpdatedEvent.class);
    }

    /** Reports a constant name, but its only constructor refuses nulls. */
    static final class StrictEvent extends AbstractDomainEvent {
        private final String answerId;

        StrictEvent(UUID eventId, Instant occurredAt, String answerId, java.util.List<String> tags) {
            super(java.util.Objects.requireNonNull(eventId), java.util.Objects.requireNonNull(occurredAt));
            this.answerId = java.util.Objects.requireNonNull(answerId);
            java.util.Objects.requireNonNull(tags);
        }

        @Override
        public String getEventType() {
            return "StrictlyNamed";
        }

        String answerId() {
            return answerId;
        }
    }

    @Test
    void aConstructorThatRefusesNullsIsTriedWithPlainValues() {
        assertThat(new EventTypeRegistry().register(StrictEvent.class)).isEqualTo("StrictlyNamed");
    }

    @Test
    void buildFailsWhenTheNameCannotBeTold() {
        // TestEvent's name is chosen per instance: no instance made with empty arguments reports one.
        EventDispatcher.Builder builder = EventDispatcher.builder().eventType(TestEvent.class);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot tell the event type name of " + TestEvent.class.getName())
                .hasMessageContaining("@EventType(\"TheName\")");
    }

    @Test
    void anExplicitNameThatDisagreesWithTheAnnotationIsRefused() {
        assertThatThrownBy(() -> EventDispatcher.builder()
                        .eventType("Other", ScoreChangedEvent.class)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("annotated @EventType(\"ScoreChanged\")")
                .hasMessageContaining("'Other'");
    }

    @Test
    void aPublishWhoseNameDisagreesWithTheAnnotationIsRefusedAndEnqueuesNothing() {
        InMemoryEventQueueRepository store = new InMemoryEventQueueRepository();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(store)
                .handler(ScriptedHandler.named("any"))
                .build();
        ScoreChangedEvent fine = new ScoreChangedEvent();

        assertThatThrownBy(() -> dispatcher.publishAll(java.util.List.of(fine, new MislabelledEvent()), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MislabelledEvent.class.getName())
                .hasMessageContaining("@EventType(\"GradeGiven\")")
                .hasMessageContaining("'SomethingElse'");
        assertThat(dispatcher.getStats().pending()).isZero();
    }

    @Test
    void aConsumerOnlyNodeDeliversATypeNamedOtherThanItsClass() {
        InMemoryEventQueueRepository store = new InMemoryEventQueueRepository();
        ScriptedHandler onPublisher = ScriptedHandler.named("answers").types(AnswerUpdatedEvent.TYPE);
        ScriptedHandler onConsumer = ScriptedHandler.named("answers").types(AnswerUpdatedEvent.TYPE);
        EventDispatcher publisher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .repository(store)
                .handler(onPublisher)
                .build();
        try (EventDispatcher consumer = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .repository(store)
                .handler(onConsumer)
                .eventType(AnswerUpdatedEvent.class)
                .build()) {
            consumer.start();
            AnswerUpdatedEvent event =
                    new AnswerUpdatedEvent(UUID.randomUUID(), Instant.parse("2024-05-14T12:00:00Z"), "a-1", "42");
            publisher.publish(event, null);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> onConsumer.calls("handle").size() == 1);
            assertThat(onConsumer.calls("handle").get(0).eventType()).isEqualTo("AnswerUpdated");
            assertThat(onConsumer.calls("handle").get(0).eventId()).isEqualTo(event.getEventId());
        }
    }

    @Test
    void aliasesAndUpcastersReachTheStoreWithTheTypes() {
        EventTypeRegistrationTest.RecordingRepository store = new EventTypeRegistrationTest.RecordingRepository();
        dev.eventqueue.serialization.EventUpcaster upcaster =
                dev.eventqueue.serialization.EventUpcaster.of("ScoreChanged", 1, payload -> payload);

        EventDispatcher.builder()
                .repository(store)
                .eventType(ScoreChangedEvent.class)
                .eventTypeAlias("ScoreAltered", ScoreChangedEvent.class)
                .upcaster(upcaster)
                .build();

        EventTypeRegistry types = store.attached.get(0).eventTypes();
        assertThat(types.resolve("ScoreAltered")).contains(ScoreChangedEvent.class);
        assertThat(types.upcaster("ScoreChanged", 1)).contains(upcaster);
        assertThat(types.typeNameOf(ScoreChangedEvent.class)).isEqualTo("ScoreChanged");
    }

    @Test
    void twoUpcastersOfOneVersionAreRefused() {
        EventDispatcher.Builder builder = EventDispatcher.builder()
                .upcaster(dev.eventqueue.serialization.EventUpcaster.of("ScoreChanged", 1, payload -> payload))
                .upcaster(dev.eventqueue.serialization.EventUpcaster.of("ScoreChanged", 1, payload -> payload));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Two upcasters read version 1 of event type 'ScoreChanged'");
    }
}
