package dev.eventqueue.micrometer;

import static dev.eventqueue.micrometer.EventQueueMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.micrometer.TestEvents.FlakyShippedHandler;
import dev.eventqueue.micrometer.TestEvents.OrderPlaced;
import dev.eventqueue.micrometer.TestEvents.OrderShipped;
import dev.eventqueue.micrometer.TestEvents.PlacedHandler;
import dev.eventqueue.queue.Loop;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventQueueMetricsListenerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EventDispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private EventDispatcher start(int shippedFailures) {
        dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(20))
                        .build())
                .handler(new PlacedHandler())
                .handler(new FlakyShippedHandler(shippedFailures))
                .listener(new EventQueueMetricsListener(registry, Tags.of("queue", "orders")))
                .build();
        dispatcher.start();
        return dispatcher;
    }

    @Test
    void handlerAttemptsAreTimedByHandlerEventTypeAndOutcome() {
        start(1);
        dispatcher.publishAll(List.of(new OrderPlaced(), new OrderPlaced()), null);
        dispatcher.publish(new OrderShipped(), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.getStats().completed() == 3);

        Timer placedOk = registry.get(HANDLER_DURATION)
                .tags(
                        "queue",
                        "orders",
                        TAG_HANDLER,
                        "placed-handler",
                        TAG_EVENT_TYPE,
                        "OrderPlaced",
                        TAG_OUTCOME,
                        OUTCOME_COMPLETED,
                        TAG_EXCEPTION,
                        "none")
                .timer();
        assertThat(placedOk.count()).isEqualTo(2);
        Timer shippedRetry = registry.get(HANDLER_DURATION)
                .tags(
                        TAG_HANDLER,
                        "shipped-handler",
                        TAG_OUTCOME,
                        OUTCOME_RETRY,
                        TAG_EXCEPTION,
                        "IllegalStateException")
                .timer();
        assertThat(shippedRetry.count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(registry.get(HANDLER_DURATION)
                                .tags(TAG_HANDLER, "shipped-handler", TAG_OUTCOME, OUTCOME_COMPLETED)
                                .timer()
                                .count())
                        .isEqualTo(1));
        assertThat(registry.get(HANDLER_RETRIES)
                        .tags(TAG_HANDLER, "shipped-handler", TAG_EVENT_TYPE, "OrderShipped")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void finalFailuresAreCountedAsFailedOutcome() {
        start(5);
        dispatcher.publish(new OrderShipped(), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.getStats().failed() == 1);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(registry.get(HANDLER_DURATION)
                                .tags(TAG_HANDLER, "shipped-handler", TAG_OUTCOME, OUTCOME_FAILED)
                                .timer()
                                .count())
                        .isEqualTo(1));
        assertThat(registry.get(HANDLER_DURATION)
                        .tags(TAG_OUTCOME, OUTCOME_RETRY)
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void publishesEnqueuedEntriesClaimSizesAndStartDelayAreRecorded() {
        start(0);
        dispatcher.publishAll(List.of(new OrderPlaced(), new OrderShipped(), new OrderPlaced()), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.getStats().completed() == 3);

        assertThat(registry.get(EVENTS_PUBLISHED)
                        .tags(TAG_EVENT_TYPE, "OrderPlaced")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(ENTRIES_ENQUEUED)
                        .tags(TAG_EVENT_TYPE, "OrderShipped")
                        .counter()
                        .count())
                .isEqualTo(1);
        DistributionSummary claims =
                registry.get(CLAIM_SIZE).tags(TAG_LOOP, "foreground").summary();
        assertThat(claims.totalAmount()).isEqualTo(3);
        assertThat(claims.getId().getBaseUnit()).isEqualTo("entries");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Timer delay = registry.get(HANDLER_START_DELAY)
                    .tags(TAG_HANDLER, "placed-handler")
                    .timer();
            assertThat(delay.count()).isEqualTo(2);
            assertThat(delay.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        });
    }

    @Test
    void pollErrorsAreCountedByLoop() {
        EventQueueMetricsListener listener = new EventQueueMetricsListener(registry);

        listener.onPollError(Loop.BACKGROUND, new IllegalStateException("database down"));

        assertThat(registry.get(POLL_ERRORS)
                        .tags(TAG_LOOP, "background", TAG_EXCEPTION, "IllegalStateException")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
