package dev.eventqueue.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A rough end-to-end figure, on demand ({@code -Deventqueue.nats.bench=true}): events published
 * and handled per second by one dispatcher, on one server and on a 3-server cluster. The
 * benchmark module is where figures are compared; this only shows the order of magnitude.
 */
@EnabledIfSystemProperty(named = "eventqueue.nats.bench", matches = "true")
class NatsThroughputProbeTest {

    private static final int EVENTS = 2000;

    @Test
    void singleServer() {
        try (TestStores stores = TestStores.singleServer()) {
            run("single server", stores);
        }
    }

    @Test
    void cluster() {
        try (TestStores stores = TestStores.cluster()) {
            run("3-server cluster", stores);
        }
    }

    private static void run(String setup, TestStores stores) {
        NatsEventQueueRepository store = stores.next();
        Set<UUID> handled = ConcurrentHashMap.newKeySet();
        ScriptedHandler handler =
                ScriptedHandler.named("probe").onHandle((event, context) -> handled.add(event.getEventId()));
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(50))
                        .maxConcurrent(16)
                        .batchSize(64)
                        .build())
                .repository(store)
                .eventType("Tick", TestEvent.class)
                .handler(handler)
                .build()) {
            dispatcher.start();
            List<TestEvent> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(TestEvent.of("Tick", i));
            }
            long start = System.nanoTime();
            for (TestEvent event : events) {
                dispatcher.publish(event, null);
            }
            long published = System.nanoTime();
            await().atMost(Duration.ofMinutes(3)).until(() -> handled.size() == EVENTS);
            long done = System.nanoTime();
            System.out.printf(
                    "%s: %d events, publish %.0f/s, published-and-handled %.0f/s%n",
                    setup, EVENTS, EVENTS / ((published - start) / 1e9), EVENTS / ((done - start) / 1e9));
            assertThat(handled).hasSize(EVENTS);
        }
    }
}
