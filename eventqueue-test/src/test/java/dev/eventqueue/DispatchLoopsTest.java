package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two loops, wake-up on publish, the concurrency bound, claim order. */
class DispatchLoopsTest {

    private static final Duration LONG_INTERVAL = Duration.ofSeconds(10);

    @Test
    void publishWakesTheProcessingLoopSoAForegroundHandlerStartsWellWithinTheInterval() {
        AtomicLong startedNanos = new AtomicLong();
        ScriptedHandler handler =
                ScriptedHandler.named("prompt").onHandle((e, c) -> startedNanos.set(System.nanoTime()));
        EventQueueConfig config = TestConfigs.fast()
                .processingInterval(LONG_INTERVAL)
                .backgroundInterval(LONG_INTERVAL)
                .build();
        try (EventDispatcher dispatcher =
                EventDispatcher.builder().config(config).handler(handler).build()) {
            dispatcher.start();
            for (int i = 1; i <= 3; i++) {
                // Each publish comes after the loop found nothing more and went to sleep for 10 s.
                int handled = i;
                long published = System.nanoTime();
                dispatcher.publish(TestEvent.of("Tick", i), null);
                await().atMost(Duration.ofSeconds(30)).until(() -> handler.handleCount() == handled);
                Duration latency = Duration.ofNanos(startedNanos.get() - published);
                assertThat(latency).as("publish %d to handler start", i).isLessThan(Duration.ofMillis(2500));
            }
        }
    }

    @Test
    void backgroundHandlersRunOnTheBackgroundLoop() {
        ScriptedHandler background = ScriptedHandler.named("bg").background();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(background)
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("Tick", 1), null);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1);
            assertThat(background.calls("handle"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.thread()).contains("-worker-"));
        }
    }

    @ParameterizedTest(name = "batchSize {0}")
    @ValueSource(ints = {1, 50})
    void withOneWorkerHandlersRunLowestPriorityNumberFirstThenOldestFirst(int batchSize) {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ScriptedHandler.Action recordOrder = (e, c) -> order.add(e.getEventType() + "-" + ((TestEvent) e).number());
        ScriptedHandler urgent =
                ScriptedHandler.named("urgent").types("urgent").priority(1).onHandle(recordOrder);
        ScriptedHandler normal =
                ScriptedHandler.named("normal").types("normal").priority(50).onHandle(recordOrder);
        ScriptedHandler lazy = ScriptedHandler.named("lazy").types("lazy").onHandle(recordOrder);
        EventQueueConfig config =
                TestConfigs.fast().maxConcurrent(1).batchSize(batchSize).build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .handler(lazy)
                .handler(normal)
                .handler(urgent)
                .build()) {
            List<String> types = List.of("lazy", "normal", "urgent", "lazy", "urgent", "normal", "urgent");
            for (int i = 0; i < types.size(); i++) {
                dispatcher.publish(TestEvent.of(types.get(i), i), null);
            }
            dispatcher.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> order.size() == 7);
            assertThat(order)
                    .containsExactly("urgent-2", "urgent-4", "urgent-6", "normal-1", "normal-5", "lazy-0", "lazy-3");
        }
    }

    @Test
    void neverMoreThanMaxConcurrentHandlerCallsRunAtOnceAcrossBothLoops() {
        int maxConcurrent = 3;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch boundReached = new CountDownLatch(maxConcurrent);
        ScriptedHandler.Action measure = (e, c) -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // The first calls wait until the bound is reached, so the peak must hit it exactly.
                boundReached.countDown();
                boundReached.await(20, TimeUnit.SECONDS);
                Thread.sleep(3); // some work, so that calls overlap if the bound leaks
            } finally {
                inFlight.decrementAndGet();
            }
        };
        ScriptedHandler foreground = ScriptedHandler.named("fg").onHandle(measure);
        ScriptedHandler background = ScriptedHandler.named("bg").background().onHandle(measure);
        EventQueueConfig config =
                TestConfigs.fast().maxConcurrent(maxConcurrent).batchSize(10).build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .handler(foreground)
                .handler(background)
                .build()) {
            List<DomainEvent> events = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                events.add(TestEvent.of("Tick", i));
            }
            dispatcher.start();
            dispatcher.publishAll(events, null);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 80);
            assertThat(peak.get()).isEqualTo(maxConcurrent);
            assertThat(dispatcher.getPeakActiveHandlers()).isEqualTo(maxConcurrent);
            assertThat(dispatcher.getStats().activeHandlers()).isZero();
        }
    }

    @Test
    void aBlockedBackgroundHandlerDoesNotStopForegroundWorkWhileWorkersRemain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        ScriptedHandler slow = ScriptedHandler.named("slow")
                .types("slow")
                .background()
                .onHandle((e, c) -> {
                    slowStarted.countDown();
                    release.await(30, TimeUnit.SECONDS);
                });
        ScriptedHandler quick = ScriptedHandler.named("quick").types("quick");
        EventQueueConfig config = TestConfigs.fast().maxConcurrent(2).build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .handler(slow)
                .handler(quick)
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("slow", 0), null);
            assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 10; i++) {
                dispatcher.publish(TestEvent.of("quick", i), null);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> quick.handleCount() == 10);
            assertThat(dispatcher.getStats().activeHandlers())
                    .as("the slow call still runs")
                    .isEqualTo(1);
            release.countDown();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 11);
        }
    }
}
