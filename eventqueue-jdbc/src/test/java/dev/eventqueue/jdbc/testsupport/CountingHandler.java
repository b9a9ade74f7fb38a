package dev.eventqueue.jdbc.testsupport;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler of {@link TestEvent}s of one type name that counts its deliveries per event id, so
 * tests can check "exactly once" and "never". Optionally sleeps per delivery to simulate work.
 */
public class CountingHandler extends EventHandlerBase<TestEvent> {

    private final String name;
    private final String eventType;
    private final Duration work;
    private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public CountingHandler(String name, String eventType) {
        this(name, eventType, Duration.ZERO);
    }

    public CountingHandler(String name, String eventType, Duration work) {
        this.name = name;
        this.eventType = eventType;
        this.work = work;
    }

    @Override
    public void handle(TestEvent event) throws Exception {
        deliveries
                .computeIfAbsent(event.getEventId(), id -> new AtomicInteger())
                .incrementAndGet();
        total.incrementAndGet();
        if (!work.isZero()) {
            Thread.sleep(work.toMillis());
        }
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return eventType.equals(event.getEventType());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Duration getRetryDelay() {
        return Duration.ofMillis(50);
    }

    public int deliveriesOf(UUID eventId) {
        AtomicInteger count = deliveries.get(eventId);
        return count == null ? 0 : count.get();
    }

    public Map<UUID, AtomicInteger> deliveries() {
        return deliveries;
    }

    public int total() {
        return total.get();
    }
}
