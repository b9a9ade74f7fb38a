package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.testevents.TestEvent;
import dev.eventqueue.testsupport.MutableClock;
import dev.eventqueue.testsupport.ScriptedHandler;
import dev.eventqueue.testsupport.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §3 item 11: completed entries older than the retention are deleted; failed ones stay. */
class CleanupTest {

    private static final Instant T0 = Instant.parse("2024-05-14T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private EventDispatcher dispatcherWith(EventQueueConfig config) {
        ScriptedHandler handler = ScriptedHandler.named("cleaned")
                .onHandle((e, c) -> {
                    if (e.getEventType().equals("fail")) {
                        throw new IllegalStateException("stays failed");
                    }
                })
                .maxRetries(0);
        return EventDispatcher.builder()
                .config(config)
                .clock(clock)
                .handler(handler)
                .build();
    }

    private static void runToCompletion(EventDispatcher dispatcher, int completed, int failed) {
        dispatcher.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dispatcher.getStats().completed() == completed
                        && dispatcher.getStats().failed() == failed);
        dispatcher.stop();
    }

    @Test
    void cleanupDeletesOnlyCompletedEntriesOlderThanTheRetention() {
        try (EventDispatcher dispatcher =
                dispatcherWith(TestConfigs.fast().retentionDays(7).build())) {
            dispatcher.publishAll(List.of(TestEvent.of("ok", 1), TestEvent.of("ok", 2), TestEvent.of("fail", 3)), null);
            runToCompletion(dispatcher, 2, 1);
            clock.advance(Duration.ofDays(3));
            dispatcher.publish(TestEvent.of("ok", 4), null);
            runToCompletion(dispatcher, 3, 1);

            clock.set(T0.plus(Duration.ofDays(7)));
            assertThat(dispatcher.cleanup()).as("exactly 7 days old is kept").isZero();
            clock.set(T0.plus(Duration.ofDays(7)).plusMillis(1));
            assertThat(dispatcher.cleanup()).isEqualTo(2);
            assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(0, 0, 1, 1, 0));

            clock.set(T0.plus(Duration.ofDays(30)));
            assertThat(dispatcher.cleanup()).isEqualTo(1);
            assertThat(dispatcher.getStats()).as("failed entries stay").isEqualTo(new QueueStats(0, 0, 0, 1, 0));
        }
    }

    @Test
    void cleanupDeletesEverythingEligibleEvenBeyondOneChunk() {
        try (EventDispatcher dispatcher = dispatcherWith(TestConfigs.fast()
                .retentionDays(0)
                .batchSize(500)
                .maxConcurrent(4)
                .build())) {
            List<DomainEvent> events = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                events.add(TestEvent.of("ok", i));
            }
            dispatcher.publishAll(events, null);
            runToCompletion(dispatcher, 2_500, 0);
            clock.advance(Duration.ofMillis(1));

            assertThat(dispatcher.cleanup()).isEqualTo(2_500);
            assertThat(dispatcher.getStats().completed()).isZero();
        }
    }

    @Test
    void aStartedDispatcherCleansUpEveryCleanupInterval() {
        EventQueueConfig config = TestConfigs.fast()
                .cleanupInterval(Duration.ofMillis(50))
                .retentionDays(1)
                .build();
        try (EventDispatcher dispatcher = dispatcherWith(config)) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("ok", 1), null);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1);

            clock.advance(Duration.ofDays(1).plusSeconds(1));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 0);
        }
    }

    @Test
    void cleanupOlderThanTakesAnExplicitAge() {
        try (EventDispatcher dispatcher = dispatcherWith(TestConfigs.fast().build())) {
            dispatcher.publish(TestEvent.of("ok", 1), null);
            runToCompletion(dispatcher, 1, 0);
            clock.advance(Duration.ofHours(2));

            assertThat(dispatcher.cleanupOlderThan(Duration.ofHours(3))).isZero();
            assertThat(dispatcher.cleanupOlderThan(Duration.ofHours(1))).isEqualTo(1);
        }
    }
}
