package dev.eventqueue.micrometer;

import static dev.eventqueue.micrometer.EventQueueMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.micrometer.TestEvents.FlakyShippedHandler;
import dev.eventqueue.micrometer.TestEvents.OrderPlaced;
import dev.eventqueue.micrometer.TestEvents.OrderShipped;
import dev.eventqueue.micrometer.TestEvents.PlacedHandler;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gauges read a dispatcher that is never started, so the queue holds still while the test moves the clock. */
class EventQueueGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final EventDispatcher dispatcher = EventDispatcher.builder()
            .repository(new InMemoryEventQueueRepository(clock))
            .handler(new PlacedHandler())
            .handler(new FlakyShippedHandler(0))
            .build();

    private double entries(String status) {
        return registry.get(ENTRIES).tags(TAG_STATUS, status).gauge().value();
    }

    @Test
    void entriesByStatusAndLagFollowTheQueue() {
        new EventQueueGauges(dispatcher, Duration.ZERO, Tags.of("queue", "orders"), clock).bindTo(registry);
        assertThat(entries("pending")).isZero();
        assertThat(registry.get(LAG).timeGauge().value(TimeUnit.SECONDS)).isZero();

        dispatcher.publishAll(List.of(new OrderPlaced(), new OrderShipped()), null);
        clock.advance(Duration.ofSeconds(90));

        assertThat(entries("pending")).isEqualTo(2);
        assertThat(entries("processing")).isZero();
        assertThat(entries("completed")).isZero();
        assertThat(entries("failed")).isZero();
        assertThat(registry.get(HANDLERS_ACTIVE).gauge().value()).isZero();
        TimeGauge lag = registry.get(LAG).tags("queue", "orders").timeGauge();
        assertThat(lag.value(TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(lag.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
    }

    @Test
    void oneStoreReadServesTheGaugesUntilTheCacheExpires() {
        new EventQueueGauges(dispatcher, Duration.ofSeconds(5), Tags.empty(), clock).bindTo(registry);
        assertThat(entries("pending")).isZero();

        dispatcher.publish(new OrderPlaced(), null);
        clock.advance(Duration.ofSeconds(4));
        assertThat(entries("pending")).as("still the cached read").isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(entries("pending")).isEqualTo(1);
    }

    @Test
    void gaugesReportNaNWhileTheStoreIsUnreachableAndRecoverAfter() {
        SwitchableStore store = new SwitchableStore();
        EventDispatcher onSwitchableStore = EventDispatcher.builder()
                .repository(store.repository())
                .handler(new PlacedHandler())
                .build();
        new EventQueueGauges(onSwitchableStore, Duration.ZERO, Tags.empty(), clock).bindTo(registry);
        onSwitchableStore.publish(new OrderPlaced(), null);

        store.setDown(true);
        assertThat(entries("pending")).isNaN();
        assertThat(registry.get(LAG).timeGauge().value(TimeUnit.SECONDS)).isNaN();

        store.setDown(false);
        assertThat(entries("pending")).isEqualTo(1);
    }

    @Test
    void negativeCacheTtlIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new EventQueueGauges(dispatcher, Duration.ofSeconds(-1), Tags.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cacheTtl");
    }
}
