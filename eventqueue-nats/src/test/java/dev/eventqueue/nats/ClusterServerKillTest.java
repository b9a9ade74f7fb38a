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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two dispatchers on a 3-server cluster while one server is SIGKILLed mid-run: every published
 * event is handled (lost = 0); the events run more than once are counted and printed. It runs only
 * when asked, {@code -Deventqueue.nats.faults=true}: on nats-server 2.9.10 the surviving servers
 * now and then answer no JetStream request for over a minute after the kill (see docs/SCALING.md).
 */
@EnabledIfSystemProperty(named = "eventqueue.nats.faults", matches = "true")
class ClusterServerKillTest {

    private static final int EVENTS = 300;
    private static final int MAX_CONCURRENT = 8;
    private static final int BATCH = 16;

    @Test
    void killingOneServerMidRunLosesNoEvent() {
        try (TestStores stores = TestStores.cluster()) {
            NatsEventQueueRepository first = stores.next();
            NatsEventQueueRepository second = stores.sameQueue();
            Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
            EventDispatcher one = dispatcher(first, runs);
            EventDispatcher two = dispatcher(second, runs);
            try {
                one.start();
                two.start();
                List<TestEvent> published = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    if (i == EVENTS / 3) {
                        stores.servers().kill(0);
                    }
                    TestEvent event = TestEvent.of("Tick", i);
                    EventDispatcher publisher = i % 2 == 0 ? one : two;
                    // A publish that failed while the cluster elected new leaders is repeated: the
                    // entry's key makes a repeat that did reach the server a no-op.
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(50))
                            .ignoreExceptions()
                            .until(() -> {
                                publisher.publish(event, null);
                                return true;
                            });
                    published.add(event);
                }
                // An entry whose claim or outcome the kill cut off runs again once its lease lapses.
                await().atMost(Duration.ofSeconds(120))
                        .untilAsserted(() -> assertThat(published.stream()
                                        .filter(e -> !runs.containsKey(e.getEventId()))
                                        .map(e -> "event " + e.number())
                                        .toList())
                                .as("published events not handled")
                                .isEmpty());

                long lost = published.stream()
                        .filter(e -> !runs.containsKey(e.getEventId()))
                        .count();
                long duplicates = runs.values().stream()
                        .mapToLong(count -> count.get() - 1)
                        .sum();
                System.out.printf(
                        "server kill: published=%d lost=%d duplicates=%d%n", published.size(), lost, duplicates);
                assertThat(lost).isZero();
                // Not bounded by what was in flight at the kill: servers before 2.9.21 accept two
                // compare-and-sets of one revision sent at the same moment, so two nodes may both
                // run an entry now and then (only the last claim completes it), kill or not.
                assertThat(duplicates).isLessThan(published.size());
            } finally {
                one.close();
                two.close();
                second.close();
            }
        }
    }

    private static EventDispatcher dispatcher(NatsEventQueueRepository store, Map<UUID, AtomicInteger> runs) {
        ScriptedHandler counter = ScriptedHandler.named("counter")
                .maxRetries(10)
                .retryDelay(Duration.ofMillis(100))
                .onHandle((event, context) -> runs.computeIfAbsent(event.getEventId(), id -> new AtomicInteger())
                        .incrementAndGet());
        return EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(50))
                        .backgroundInterval(Duration.ofMillis(200))
                        .leaseDuration(Duration.ofSeconds(15))
                        .maxConcurrent(MAX_CONCURRENT)
                        .batchSize(BATCH)
                        .shutdownTimeout(Duration.ofSeconds(5))
                        .build())
                .repository(store)
                .eventType("Tick", TestEvent.class)
                .handler(counter)
                .build();
    }
}
