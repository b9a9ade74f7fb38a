package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.MutableClock;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, attempt numbers, onFailure once, retries disabled, backoff, manual retry. */
class RetryTest {

    private static final Instant T0 = Instant.parse("2024-05-14T12:00:00Z");
    private static final Duration QUIET = Duration.ofMillis(300);

    private final MutableClock clock = new MutableClock(T0);
    private EventDispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private EventDispatcher start(EventQueueConfig config, ScriptedHandler handler) {
        build(config, handler).start();
        return dispatcher;
    }

    private EventDispatcher build(EventQueueConfig config, ScriptedHandler handler) {
        dispatcher = EventDispatcher.builder()
                .config(config)
                .clock(clock)
                .handler(handler)
                .build();
        return dispatcher;
    }

    private QueueEntry entryOf(TestEvent event) {
        return dispatcher.getRepository().findByEventId(event.getEventId()).get(0);
    }

    /** Whether the event's entry completed: the in-memory store forgets completed entries and counts them. */
    private boolean completed(TestEvent event) {
        List<QueueEntry> entries = dispatcher.getRepository().findByEventId(event.getEventId());
        return entries.isEmpty()
                ? dispatcher.getStats().completed() > 0
                : entries.get(0).status() == EntryStatus.COMPLETED;
    }

    @Test
    void aFailedAttemptIsRetriedAfterTheHandlersDelayWithTheNextAttemptNumber() {
        ScriptedHandler handler = ScriptedHandler.named("flaky")
                .maxRetries(3)
                .retryDelay(Duration.ofMinutes(1))
                .onHandle((e, c) -> {
                    if (c.getAttempt() < 3) {
                        throw new IllegalStateException("attempt " + c.getAttempt() + " failed");
                    }
                });
        build(TestConfigs.fast().build(), handler);
        TestEvent event = TestEvent.of("Tick", 1);
        dispatcher.publish(event, null); // before start: PUBLISHED and STARTED share the frozen clock's instant
        dispatcher.start();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> entryOf(event).status() == EntryStatus.PENDING
                        && entryOf(event).attempts() == 1);
        assertThat(entryOf(event).nextRetryAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(entryOf(event).error()).isEqualTo("java.lang.IllegalStateException: attempt 1 failed");
        await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> handler.handleCount() == 1);

        clock.advance(Duration.ofSeconds(59));
        await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> handler.handleCount() == 1);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> entryOf(event).attempts() == 2 && entryOf(event).status() == EntryStatus.PENDING);
        assertThat(entryOf(event).nextRetryAt()).isEqualTo(T0.plusSeconds(120));

        clock.advance(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> completed(event));

        assertThat(handler.calls("handle"))
                .extracting(ScriptedHandler.Call::attempt)
                .containsExactly(1, 2, 3);
        assertThat(handler.calls("before"))
                .extracting(ScriptedHandler.Call::attempt)
                .containsExactly(1, 2, 3);
        assertThat(handler.calls("after"))
                .extracting(ScriptedHandler.Call::attempt)
                .containsExactly(3);
        assertThat(handler.calls("failure")).isEmpty();
        assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()))
                .extracting(AuditRecord::action, AuditRecord::attempt)
                .containsExactly(
                        tuple(AuditAction.PUBLISHED, 0),
                        tuple(AuditAction.STARTED, 1),
                        tuple(AuditAction.RETRY_SCHEDULED, 1),
                        tuple(AuditAction.STARTED, 2),
                        tuple(AuditAction.RETRY_SCHEDULED, 2),
                        tuple(AuditAction.STARTED, 3),
                        tuple(AuditAction.COMPLETED, 3));
    }

    @Test
    void onFailureRunsExactlyOnceAfterTheLastAttempt() {
        ScriptedHandler handler = ScriptedHandler.named("broken").maxRetries(2).onHandle((e, c) -> {
            throw new IllegalStateException("nope " + c.getAttempt());
        });
        start(TestConfigs.fast().build(), handler);
        TestEvent event = TestEvent.of("Tick", 1);
        dispatcher.publish(event, new Credentials("u-1", "CANDIDATE"));

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().failed() == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> handler.handleCount() == 3);

        assertThat(handler.calls("handle"))
                .extracting(ScriptedHandler.Call::attempt)
                .containsExactly(1, 2, 3);
        assertThat(handler.calls("after")).isEmpty();
        assertThat(handler.calls("failure")).singleElement().satisfies(call -> {
            assertThat(call.failedAttempt()).isEqualTo(3);
            assertThat(call.attempt()).as("EventContext in onFailure").isEqualTo(3);
            assertThat(call.error()).isEqualTo("nope 3");
            assertThat(call.credentials()).isEqualTo(new Credentials("u-1", "CANDIDATE"));
        });
        QueueEntry failed = entryOf(event);
        assertThat(failed.status()).isEqualTo(EntryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException: nope 3");
        assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()))
                .filteredOn(r -> r.action() == AuditAction.FAILED)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.attempt()).isEqualTo(3);
                    assertThat(r.error()).isEqualTo("java.lang.IllegalStateException: nope 3");
                    assertThat(r.userId()).isEqualTo("u-1");
                });
    }

    @Test
    void withRetriesDisabledTheFirstFailureIsFinal() {
        ScriptedHandler handler = ScriptedHandler.named("once").maxRetries(3).onHandle((e, c) -> {
            throw new IllegalArgumentException("bad input");
        });
        start(TestConfigs.fast().retriesEnabled(false).build(), handler);
        TestEvent event = TestEvent.of("Tick", 1);
        dispatcher.publish(event, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().failed() == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> handler.handleCount() == 1);
        assertThat(handler.calls("failure"))
                .singleElement()
                .satisfies(call -> assertThat(call.failedAttempt()).isEqualTo(1));
        assertThat(entryOf(event).attempts()).isEqualTo(1);
        assertThat(entryOf(event).maxAttempts()).isEqualTo(4);
    }

    @Test
    void hooksRunInTheDocumentedOrderAndAnExceptionFromAnyOfThemFailsTheAttempt() {
        AtomicBoolean failBefore = new AtomicBoolean(true);
        AtomicBoolean failAfter = new AtomicBoolean(true);
        ScriptedHandler handler = ScriptedHandler.named("hooks")
                .maxRetries(2)
                .onBefore((e, c) -> {
                    if (failBefore.getAndSet(false)) {
                        throw new IllegalStateException("before failed");
                    }
                })
                .onAfter((e, c) -> {
                    if (failAfter.getAndSet(false)) {
                        throw new IllegalStateException("after failed");
                    }
                });
        start(TestConfigs.fast().build(), handler);
        TestEvent event = TestEvent.of("Tick", 1);
        dispatcher.publish(event, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().completed() == 1);
        assertThat(handler.calls())
                .extracting(ScriptedHandler.Call::hook, ScriptedHandler.Call::attempt)
                .containsExactly(
                        tuple("before", 1),
                        tuple("before", 2),
                        tuple("handle", 2),
                        tuple("after", 2),
                        tuple("before", 3),
                        tuple("handle", 3),
                        tuple("after", 3));
        assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()))
                .filteredOn(r -> r.action() == AuditAction.RETRY_SCHEDULED)
                .extracting(AuditRecord::error)
                .containsExactly(
                        "java.lang.IllegalStateException: before failed",
                        "java.lang.IllegalStateException: after failed");
    }

    @Test
    void anErrorThrownByAHandlerFailsTheAttemptInsteadOfLeavingTheEntryProcessing() {
        ScriptedHandler handler = ScriptedHandler.named("erroring")
                .maxRetries(0)
                .onHandle((e, c) -> {
                    throw new StackOverflowError("too deep");
                });
        start(TestConfigs.fast().build(), handler);
        TestEvent event = TestEvent.of("Tick", 1);
        dispatcher.publish(event, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().failed() == 1);
        assertThat(entryOf(event).error()).isEqualTo("java.lang.StackOverflowError: too deep");
        assertThat(handler.calls("failure")).hasSize(1);
        assertThat(dispatcher.getStats().processing()).isZero();
    }

    @Test
    void exponentialBackoffDoublesTheHandlersDelayUpToTheCapWithJitter() {
        ScriptedHandler handler = ScriptedHandler.named("backoff")
                .maxRetries(5)
                .retryDelay(Duration.ofSeconds(10))
                .onHandle((e, c) -> {
                    throw new IllegalStateException("down");
                });
        start(
                TestConfigs.fast()
                        .retryBackoff(RetryBackoff.EXPONENTIAL)
                        .maxRetryDelay(Duration.ofSeconds(30))
                        .build(),
                handler);
        TestEvent event = TestEvent.of("Tick", 1);
        dispatcher.publish(event, null);

        long[][] expectedRanges = {{8_000, 10_000}, {16_000, 20_000}, {24_000, 30_000}};
        for (int attempt = 1; attempt <= 3; attempt++) {
            int done = attempt;
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            entryOf(event).attempts() == done && entryOf(event).status() == EntryStatus.PENDING);
            long delayMillis = Duration.between(clock.instant(), entryOf(event).nextRetryAt())
                    .toMillis();
            assertThat(delayMillis)
                    .as("delay after attempt %d", attempt)
                    .isBetween(expectedRanges[attempt - 1][0], expectedRanges[attempt - 1][1]);
            clock.set(entryOf(event).nextRetryAt());
        }
    }

    @Test
    void retryFailedEventsTakesOldestFailuresFirstAndGivesThemTheirAttemptsAgain() {
        AtomicBoolean failing = new AtomicBoolean(true);
        ScriptedHandler handler = ScriptedHandler.named("manual").maxRetries(0).onHandle((e, c) -> {
            if (failing.get()) {
                clock.advance(Duration.ofSeconds(1)); // each failure is one second later than the previous
                throw new IllegalStateException("failed " + ((TestEvent) e).number());
            }
        });
        build(TestConfigs.fast().maxConcurrent(1).build(), handler);
        List<TestEvent> events = List.of(TestEvent.of("Tick", 0), TestEvent.of("Tick", 1), TestEvent.of("Tick", 2));
        dispatcher.publishAll(events, null);
        dispatcher.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().failed() == 3);
        assertThat(dispatcher.getFailedEntries(10))
                .extracting(QueueEntry::eventId)
                .containsExactly(
                        events.get(0).getEventId(),
                        events.get(1).getEventId(),
                        events.get(2).getEventId());
        failing.set(false);
        dispatcher.stop(); // the admin call works on a stopped dispatcher; the trail's order is then fixed

        assertThat(dispatcher.retryFailedEvents(2)).isEqualTo(2);

        dispatcher.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().completed() == 2);
        assertThat(completed(events.get(0))).isTrue();
        assertThat(completed(events.get(1))).isTrue();
        assertThat(entryOf(events.get(2)).status()).isEqualTo(EntryStatus.FAILED);
        assertThat(handler.calls("handle"))
                .extracting(ScriptedHandler.Call::attempt)
                .containsExactly(1, 1, 1, 1, 1);
        assertThat(dispatcher.getAuditLog().findByEventId(events.get(0).getEventId()))
                .extracting(AuditRecord::action)
                .containsExactly(
                        AuditAction.PUBLISHED,
                        AuditAction.STARTED,
                        AuditAction.FAILED,
                        AuditAction.RETRIED_MANUALLY,
                        AuditAction.STARTED,
                        AuditAction.COMPLETED);

        assertThat(dispatcher.retryFailedEvents(10)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().completed() == 3);
        assertThat(dispatcher.retryFailedEvents(10)).isZero();
        assertThatThrownBy(() -> dispatcher.retryFailedEvents(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void aManuallyRetriedEntryThatFailsAgainGetsAllAttemptsAndOnFailureOnceMore() {
        ScriptedHandler handler = ScriptedHandler.named("hopeless")
                .maxRetries(1)
                .onHandle((e, c) -> {
                    throw new IllegalStateException("still broken");
                });
        start(TestConfigs.fast().build(), handler);
        TestEvent event = TestEvent.of("Tick", 1);
        dispatcher.publish(event, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.getStats().failed() == 1);

        assertThat(dispatcher.retryFailedEvents(5)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> handler.calls("failure").size() == 2);
        await().during(QUIET).atMost(QUIET.multipliedBy(10)).until(() -> handler.handleCount() == 4);
        assertThat(handler.calls("handle"))
                .extracting(ScriptedHandler.Call::attempt)
                .containsExactly(1, 2, 1, 2);
        assertThat(handler.calls("failure"))
                .extracting(ScriptedHandler.Call::failedAttempt)
                .containsExactly(2, 2);
        assertThat(entryOf(event).status()).isEqualTo(EntryStatus.FAILED);
    }
}
