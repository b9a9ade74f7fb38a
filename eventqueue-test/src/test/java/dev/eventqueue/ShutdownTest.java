package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful stop. */
class ShutdownTest {

    @Test
    void stopWaitsForTheRunningHandlerAndGivesBackClaimedEntriesThatNeverStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ScriptedHandler handler = ScriptedHandler.named("blocking").onHandle((e, c) -> {
            started.countDown();
            release.await(60, TimeUnit.SECONDS);
        });
        EventQueueConfig config = TestConfigs.fast()
                .maxConcurrent(1)
                .batchSize(10)
                .shutdownTimeout(Duration.ofSeconds(30))
                .build();
        try (EventDispatcher dispatcher =
                EventDispatcher.builder().config(config).handler(handler).build()) {
            List<DomainEvent> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(TestEvent.of("Tick", i));
            }
            dispatcher.publishAll(events, null);
            dispatcher.start();
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(dispatcher.getStats().processing())
                    .as("one running, four claimed and queued")
                    .isEqualTo(5);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(dispatcher::stop);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().pending() == 4);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !stopping.isDone());
            assertThat(dispatcher.getStats().processing())
                    .as("only the running call")
                    .isEqualTo(1);
            release.countDown();
            stopping.get(20, TimeUnit.SECONDS);

            assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(4, 0, 1, 0, 0));
            assertThat(handler.handleCount()).isEqualTo(1);
            for (DomainEvent event : events.subList(1, 5)) {
                QueueEntry entry = dispatcher
                        .getRepository()
                        .findByEventId(event.getEventId())
                        .get(0);
                assertThat(entry.status()).isEqualTo(EntryStatus.PENDING);
                assertThat(entry.attempts())
                        .as("the claim's attempt is taken back")
                        .isZero();
                assertThat(entry.owner()).isNull();
            }

            dispatcher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 5);
            assertThat(handler.calls("handle"))
                    .extracting(ScriptedHandler.Call::attempt)
                    .containsOnly(1);
        }
    }

    @Test
    void aHandlerOutlivingTheShutdownTimeoutIsInterruptedAndTheAttemptCountsSoItIsRetriedAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ScriptedHandler handler = ScriptedHandler.named("stubborn")
                .maxRetries(1)
                .retryDelay(Duration.ofHours(1))
                .onHandle((e, c) -> {
                    started.countDown();
                    never.await(60, TimeUnit.SECONDS);
                });
        EventQueueConfig config =
                TestConfigs.fast().shutdownTimeout(Duration.ofMillis(200)).build();
        try (EventDispatcher dispatcher =
                EventDispatcher.builder().config(config).handler(handler).build()) {
            TestEvent event = TestEvent.of("Tick", 1);
            dispatcher.publish(event, null);
            dispatcher.start();
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

            long before = System.nanoTime();
            dispatcher.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(15));

            QueueEntry entry =
                    dispatcher.getRepository().findByEventId(event.getEventId()).get(0);
            assertThat(entry.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(entry.attempts())
                    .as("the interrupted call used an attempt")
                    .isEqualTo(1);
            assertThat(entry.nextRetryAt())
                    .as("due at once, not after the handler's retry delay")
                    .isBeforeOrEqualTo(dispatcher.getRepository().clock().instant());
            assertThat(entry.error()).contains("InterruptedException");
            assertThat(handler.calls("failure")).isEmpty();
        }
    }

    @Test
    void aHandlerThatHangsAtEveryShutdownStillReachesFailedAfterItsAttempts() throws Exception {
        ScriptedHandler handler = ScriptedHandler.named("hangs-until-interrupted")
                .maxRetries(1)
                .onHandle((e, c) -> new CountDownLatch(1).await());
        EventQueueConfig config =
                TestConfigs.fast().shutdownTimeout(Duration.ofMillis(100)).build();
        try (EventDispatcher dispatcher =
                EventDispatcher.builder().config(config).handler(handler).build()) {
            TestEvent event = TestEvent.of("Tick", 1);
            dispatcher.publish(event, null);
            for (int restart = 1; restart <= 2; restart++) {
                dispatcher.start();
                int calls = restart;
                await().atMost(Duration.ofSeconds(20)).until(() -> handler.handleCount() == calls);
                dispatcher.stop();
            }

            QueueEntry entry =
                    dispatcher.getRepository().findByEventId(event.getEventId()).get(0);
            assertThat(entry.status()).isEqualTo(EntryStatus.FAILED);
            assertThat(entry.attempts()).isEqualTo(2);
            assertThat(handler.calls("failure")).singleElement().satisfies(call -> {
                assertThat(call.failedAttempt()).isEqualTo(2);
                assertThat(call.failure()).isInstanceOf(InterruptedException.class);
            });
        }
    }

    @Test
    void stopAndStartAreIdempotentAndCloseStops() {
        ScriptedHandler handler = ScriptedHandler.named("lifecycle");
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(handler)
                .build();
        dispatcher.stop(); // never started: nothing to do
        dispatcher.start();
        dispatcher.start();
        assertThat(dispatcher.isRunning()).isTrue();
        dispatcher.publish(TestEvent.of("Tick", 1), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().completed() == 1);
        dispatcher.close();
        assertThat(dispatcher.isRunning()).isFalse();
        dispatcher.close();
        assertThat(handler.handleCount()).isEqualTo(1);
    }
}
