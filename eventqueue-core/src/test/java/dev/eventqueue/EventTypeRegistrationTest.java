package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.testevents.OrderPlacedEvent;
import dev.eventqueue.testevents.SeatReservedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a dispatcher tells its store about event classes, so a database store can read them back. */
class EventTypeRegistrationTest {

    /** Records every registration and otherwise behaves as the in-memory store. */
    static final class RecordingRepository extends ForwardingEventQueueRepository {
        final List<String> registrations = new CopyOnWriteArrayList<>();

        RecordingRepository() {
            super(new InMemoryEventQueueRepository());
        }

        @Override
        public void registerEventType(Class<? extends DomainEvent> eventClass, String eventType) {
            registrations.add(eventClass.getSimpleName() + "=" + eventType);
            super.registerEventType(eventClass, eventType);
        }
    }

    @Test
    void builderRegistersConsumedTypesWithAndWithoutATypeName() {
        RecordingRepository repository = new RecordingRepository();

        EventDispatcher.builder()
                .repository(repository)
                .eventType(SeatReservedEvent.class)
                .eventType("OrderPlaced", OrderPlacedEvent.class)
                .build();

        assertThat(repository.registrations).containsExactly("SeatReservedEvent=null", "OrderPlacedEvent=OrderPlaced");
    }
}
