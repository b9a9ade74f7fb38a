package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Claims and leases under load: four dispatchers share one in-memory queue while events are
 * published; every (event, handler) pair runs exactly once and nothing is left processing.
 */
class SharedQueueStressTest {

    private static final int DISPATCHERS = 4;
    private static final int EVENTS = 50_000;
    private static final int CHUNK = 500;

    /** Counts its calls per event; one instance per dispatcher, all sharing one name and one tally. */
    static final class CountingHandler extends EventHandlerBase<DomainEvent> {
        private final String name;
        private final boolean background;
        private final Map<String, AtomicInteger> tally;
        final AtomicInteger calls = new AtomicInteger();

        CountingHandler(String name, boolean background, Map<String, AtomicInteger> tally) {
            this.name = name;
            this.background = background;
            this.tally = tally;
        }

        @Override
        public void handle(DomainEvent event) {
            calls.incrementAndGet();
            tally.computeIfAbsent(event.getEventId() + "|" + name, key -> new AtomicInteger())
                    .incrementAndGet();
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return true;
        }

        @Override
        public boolean isBackground() {
            return background;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    @Test
    @Timeout(180)
    void fourDispatchersOnOneQueueHandleEveryEventHandlerPairExactlyOnce() {
        InMemoryEventQueueRepository repository = new InMemoryEventQueueRepository();
        Map<String, AtomicInteger> tally = new ConcurrentHashMap<>(2 * EVENTS * 2);
        EventQueueConfig config =
                TestConfigs.fast().batchSize(200).maxConcurrent(4).build();
        List<EventDispatcher> dispatchers = new ArrayList<>();
        List<CountingHandler> handlers = new ArrayList<>();
        try {
            for (int i = 0; i < DISPATCHERS; i++) {
                CountingHandler foreground = new CountingHandler("stress.foreground", false, tally);
                CountingHandler background = new CountingHandler("stress.background", true, tally);
                handlers.add(foreground);
                handlers.add(background);
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .config(config)
                        .repository(repository)
                        .auditLog(AuditLogs.none())
                        .handler(foreground)
                        .handler(background)
                        .build();
                dispatchers.add(dispatcher);
                dispatcher.start();
            }

            for (int published = 0, chunk = 0; published < EVENTS; published += CHUNK, chunk++) {
                List<DomainEvent> events = new ArrayList<>(CHUNK);
                for (int i = 0; i < CHUNK; i++) {
                    events.add(TestEvent.of("Stress", published + i));
                }
                dispatchers.get(chunk % DISPATCHERS).publishAll(events, null);
            }

            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> repository.countByStatus().completed() == 2L * EVENTS);
        } finally {
            dispatchers.forEach(EventDispatcher::stop);
        }

        assertThat(tally).hasSize(2 * EVENTS);
        List<String> notOnce = tally.entrySet().stream()
                .filter(e -> e.getValue().get() != 1)
                .map(e -> e.getKey() + " x" + e.getValue().get())
                .limit(10)
                .toList();
        assertThat(notOnce).as("pairs handled other than exactly once").isEmpty();
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, 2L * EVENTS, 0));
        assertThat(handlers.stream().mapToInt(h -> h.calls.get()).sum()).isEqualTo(2 * EVENTS);
        for (int i = 0; i < DISPATCHERS; i++) {
            int handledHere = handlers.get(2 * i).calls.get()
                    + handlers.get(2 * i + 1).calls.get();
            assertThat(handledHere).as("dispatcher %d took part", i).isPositive();
        }
    }
}
