package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.MutableClock;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import dev.eventqueue.testsupport.FlakyRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stats, health, and the loops' resilience to store errors and unreadable payloads. */
class MonitoringTest {

    private static final Instant T0 = Instant.parse("2024-05-14T12:00:00Z");

    @Test
    void statsCountEntriesByStatusAndTheHandlerCallsInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ScriptedHandler blocking = ScriptedHandler.named("blocking")
                .types("block")
                .onHandle((e, c) -> {
                    started.countDown();
                    release.await(30, TimeUnit.SECONDS);
                });
        ScriptedHandler failing = ScriptedHandler.named("failing")
                .types("fail")
                .maxRetries(0)
                .onHandle((e, c) -> {
                    throw new IllegalStateException("no");
                });
        ScriptedHandler fine = ScriptedHandler.named("fine").types("ok");
        ScriptedHandler later = ScriptedHandler.named("later").types("later").background();
        EventQueueConfig config =
                TestConfigs.fast().backgroundInterval(Duration.ofHours(1)).build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .handler(blocking)
                .handler(failing)
                .handler(fine)
                .handler(later)
                .build()) {
            dispatcher.publishAll(List.of(TestEvent.of("later", 1), TestEvent.of("later", 2)), null);
            dispatcher.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> later.handleCount() == 2);
            // Due in an hour: these two stay pending.
            dispatcher.publishAllAt(
                    List.of(TestEvent.of("later", 3), TestEvent.of("later", 4)),
                    Instant.now().plus(Duration.ofHours(1)),
                    null);
            dispatcher.publishAll(
                    List.of(TestEvent.of("block", 5), TestEvent.of("fail", 6), TestEvent.of("ok", 7)), null);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().failed() == 1
                            && dispatcher.getStats().completed() == 3);
            assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(2, 1, 3, 1, 1));

            release.countDown();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 4);
            assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(2, 0, 4, 1, 0));
        }
    }

    @Test
    void healthIsUpWhenTheStoreAnswersAndTheLoopsPoll() {
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(ScriptedHandler.named("fg"))
                .handler(ScriptedHandler.named("bg").background())
                .build()) {
            dispatcher.start();

            HealthReport health = dispatcher.getHealth();

            assertThat(health.status()).isEqualTo(HealthReport.Status.UP);
            assertThat(health.details())
                    .containsEntry("store", "reachable")
                    .containsEntry("running", true)
                    .containsEntry("failed", 0L)
                    .containsEntry("oldestDueAgeMs", 0L)
                    .doesNotContainKey("reasons");
            assertThat(health.details().get("processingLoop")).asInstanceOf(MAP).containsEntry("recent", true);
            assertThat(health.details().get("backgroundLoop")).asInstanceOf(MAP).containsEntry("recent", true);
        }
    }

    @Test
    void healthIsDegradedOnceTheOldestDueEntryWaitsLongerThanTheThreshold() {
        MutableClock clock = new MutableClock(T0);
        EventQueueConfig config =
                TestConfigs.fast().healthMaxLag(Duration.ofMinutes(1)).build();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .clock(clock)
                .handler(ScriptedHandler.named("idle"))
                .build();
        dispatcher.publish(TestEvent.of("Tick", 1), null);

        clock.advance(Duration.ofSeconds(60));
        assertThat(dispatcher.getHealth().status())
                .as("exactly at the threshold")
                .isEqualTo(HealthReport.Status.UP);
        clock.advance(Duration.ofSeconds(1));
        HealthReport health = dispatcher.getHealth();

        assertThat(health.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(health.details())
                .containsEntry("oldestDueAgeMs", 61_000L)
                .containsEntry("running", false)
                .containsEntry("pending", 1L);
        assertThat(health.details().get("reasons"))
                .asInstanceOf(LIST)
                .containsExactly("oldest due entry has been due for 61000 ms (threshold 60000 ms)");
    }

    @Test
    void healthIsDownWhenTheStoreThrows() {
        FlakyRepository repository = new FlakyRepository();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(repository)
                .handler(ScriptedHandler.named("any"))
                .build();
        repository.setDown(true);

        HealthReport health = dispatcher.getHealth();

        assertThat(health.status()).isEqualTo(HealthReport.Status.DOWN);
        assertThat((String) health.details().get("store"))
                .startsWith("unreachable:")
                .contains("store unreachable (test outage)");
        repository.setDown(false);
        assertThat(dispatcher.getHealth().status()).isEqualTo(HealthReport.Status.UP);
    }

    @Test
    void theLoopsSurviveAStoreOutageAndPublishingDuringItFailsLoudly() {
        FlakyRepository repository = new FlakyRepository();
        List<Boolean> pollErrors = new CopyOnWriteArrayList<>();
        ScriptedHandler handler = ScriptedHandler.named("patient");
        ScriptedHandler background = ScriptedHandler.named("patient-bg").background();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .repository(repository)
                .handler(handler)
                .handler(background)
                .listener(new EventQueueListener() {
                    @Override
                    public void onPollError(Loop loop, Exception error) {
                        pollErrors.add(loop.isBackground());
                    }
                })
                .build()) {
            dispatcher.start();
            repository.setDown(true);

            await().atMost(Duration.ofSeconds(20)).until(() -> pollErrors.contains(true) && pollErrors.contains(false));
            assertThatThrownBy(() -> dispatcher.publish(TestEvent.of("Tick", 1), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("test outage");

            repository.setDown(false);
            dispatcher.publish(TestEvent.of("Tick", 2), null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 2);
            assertThat(handler.calls("handle"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.eventType()).isEqualTo("Tick"));
        }
    }

    @Test
    void anEntryWhosePayloadCannotBeReadFailsWithAClearErrorAndTheLoopGoesOn() {
        FlakyRepository repository = new FlakyRepository();
        repository.makeUnreadable("Broken");
        ScriptedHandler handler = ScriptedHandler.named("reader");
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .repository(repository)
                .handler(handler)
                .build()) {
            dispatcher.start();
            TestEvent broken = TestEvent.of("Broken", 1);
            dispatcher.publish(broken, null);
            dispatcher.publish(TestEvent.of("Fine", 2), null);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().failed() == 1
                            && dispatcher.getStats().completed() == 1);
            QueueEntry failed = repository.findByEventId(broken.getEventId()).get(0);
            assertThat(failed.status()).isEqualTo(EntryStatus.FAILED);
            assertThat(failed.error()).isEqualTo("Unreadable event: unknown event type 'Broken'");
            assertThat(handler.calls())
                    .extracting(ScriptedHandler.Call::eventType)
                    .containsOnly("Fine");
            assertThat(dispatcher.getAuditLog().findByEventId(broken.getEventId()))
                    .extracting(AuditRecord::action)
                    .containsExactly(AuditAction.PUBLISHED, AuditAction.FAILED);
        }
    }

    @Test
    void listenersSeeEveryStepAndAThrowingListenerBreaksNothing() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventQueueListener recording = new EventQueueListener() {
            @Override
            public void onPublished(DomainEvent event, int entries) {
                seen.add(event.getEventType() + " published:" + entries);
            }

            @Override
            public void onClaimed(Loop loop, int count) {
                seen.add("claimed");
            }

            @Override
            public void onStarted(ClaimedEntry entry, Duration sinceEnqueue) {
                // Read, so a missing duration would leave this line out (the listener would throw).
                seen.add(entry.eventType() + " started:" + entry.attempt() + (sinceEnqueue.isNegative() ? "-" : ""));
            }

            @Override
            public void onCompleted(ClaimedEntry entry, Duration duration) {
                seen.add(entry.eventType() + " completed:" + entry.attempt() + (duration.isNegative() ? "-" : ""));
            }

            @Override
            public void onRetryScheduled(ClaimedEntry entry, Duration duration, Exception error, Instant next) {
                seen.add(entry.eventType() + " retry:" + entry.attempt() + ":" + error.getMessage());
            }

            @Override
            public void onFailed(ClaimedEntry entry, Duration duration, Exception error) {
                seen.add(entry.eventType() + " failed:" + entry.attempt());
            }
        };
        EventQueueListener throwing = new EventQueueListener() {
            @Override
            public void onStarted(ClaimedEntry entry, Duration sinceEnqueue) {
                throw new IllegalStateException("listener bug");
            }
        };
        ScriptedHandler handler = ScriptedHandler.named("observed")
                .types("retry", "fail")
                .maxRetries(1)
                .onHandle((e, c) -> {
                    if (e.getEventType().equals("fail") || c.getAttempt() == 1) {
                        throw new IllegalStateException("boom");
                    }
                });
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(handler)
                .listener(throwing)
                .listener(recording)
                .build()) {
            dispatcher.publish(TestEvent.of("nobody", 0), null);
            dispatcher.publishAll(List.of(TestEvent.of("retry", 1), TestEvent.of("fail", 2)), null);
            dispatcher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1
                            && dispatcher.getStats().failed() == 1);

            assertThat(seen).filteredOn(s -> s.startsWith("nobody")).containsExactly("nobody published:0");
            assertThat(seen)
                    .filteredOn(s -> s.startsWith("retry"))
                    .containsExactly(
                            "retry published:1",
                            "retry started:1",
                            "retry retry:1:boom",
                            "retry started:2",
                            "retry completed:2");
            assertThat(seen)
                    .filteredOn(s -> s.startsWith("fail"))
                    .containsExactly(
                            "fail published:1",
                            "fail started:1",
                            "fail retry:1:boom",
                            "fail started:2",
                            "fail failed:2");
            assertThat(seen).contains("claimed");
            assertThat(handler.handleCount())
                    .as("the throwing listener broke nothing")
                    .isEqualTo(4);
        }
    }
}
