package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a dispatcher tells its store about event classes, so a database store can read them back. */
class EventTypeRegistrationTest {

    /** Keeps what the dispatcher hands over and otherwise behaves as the in-memory store. */
    static final class RecordingRepository extends ForwardingEventQueueRepository {
        final List<RepositoryContext> attached = new CopyOnWriteArrayList<>();

        RecordingRepository() {
            super(new InMemoryEventQueueRepository());
        }

        @Override
        public void attach(RepositoryContext context) {
            attached.add(context);
            super.attach(context);
        }
    }

    @Test
    void theDispatcherHandsItsEventTypesToTheStoreOnce() {
        RecordingRepository repository = new RecordingRepository();

        EventDispatcher.builder()
                .repository(repository)
                .eventType(SeatReservedEvent.class)
                .eventType("OrderPlaced", OrderPlacedEvent.class)
                .build();

        assertThat(repository.attached).singleElement().satisfies(context -> {
            assertThat(context.eventTypes().resolve("SeatReservedEvent")).contains(SeatReservedEvent.class);
            assertThat(context.eventTypes().resolve("OrderPlaced")).contains(OrderPlacedEvent.class);
            assertThat(context.maxPayloadBytes()).isEqualTo(EventQueueConfig.DEFAULT_MAX_PAYLOAD_BYTES);
        });
    }
}
