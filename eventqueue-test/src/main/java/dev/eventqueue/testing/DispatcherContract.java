package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.AggregateRoot;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.Backoff;
import dev.eventqueue.handler.HandlerTimeoutException;
import dev.eventqueue.handler.WorkerLostException;
import dev.eventqueue.monitoring.DeliveryMdc;
import dev.eventqueue.monitoring.DeliveryOutcome;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.LeaseMessages;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.events.AnswerUpdatedEvent;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The dispatcher's behaviour on a store, as final tests: retries, fail-fast errors, timeouts,
 * lease recovery and renewal, fencing of stale runs, shutdown, cleanup, and loops that survive
 * whatever the store throws. A store module subclasses it and supplies {@link #newRepository()};
 * every store, in memory or in a database, must pass it.
 *
 * <p>Time is the store's own ({@link EventQueueRepository#clock()}), so the tests wait with
 * Awaitility for things to happen, with short intervals and a lease of one second.
 */
public abstract class DispatcherContract {

    /** The event type every test publishes; registered with each dispatcher. */
    protected static final String TYPE = "Tick";

    protected static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    protected EventQueueRepository repository;
    private final List<EventDispatcher> dispatchers = new ArrayList<>();

    /** A new, empty store; called once per test. Dispatchers of one test share it. */
    protected abstract EventQueueRepository newRepository();

    /** Whether the store keeps completed entries until cleanup (the in-memory store forgets them at once). */
    protected boolean keepsCompletedEntries() {
        return true;
    }

    /**
     * Whether the store's counts include completed entries: the in-memory store counts those it
     * forgot; a store that deletes an entry as it completes, as the JDBC and JetStream stores
     * built with {@code keepCompletedEntries(false)} do, counts none.
     */
    protected boolean countsCompletedEntries() {
        return true;
    }

    /** Settings for the tests: short polls and the shortest lease allowed. */
    protected EventQueueConfig.Builder config() {
        return EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(20))
                .backgroundInterval(Duration.ofMillis(20))
                .leaseDuration(LEASE)
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    @BeforeEach
    final void createRepository() {
        repository = newRepository();
    }

    @AfterEach
    final void stopDispatchers() {
        dispatchers.forEach(EventDispatcher::close);
    }

    /** A dispatcher on the test's store (or on {@code store}), stopped after the test. */
    protected EventDispatcher dispatcher(
            EventQueueConfig config, EventQueueRepository store, ScriptedHandler... handlers) {
        EventDispatcher.Builder builder =
                EventDispatcher.builder().config(config).repository(store).eventType(TYPE, TestEvent.class);
        for (ScriptedHandler handler : handlers) {
            builder.handler(handler);
        }
        EventDispatcher dispatcher = builder.build();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    protected EventDispatcher dispatcher(ScriptedHandler... handlers) {
        return dispatcher(config().build(), repository, handlers);
    }

    protected QueueEntry entryOf(DomainEvent event) {
        List<QueueEntry> entries = repository.findByEventId(event.getEventId());
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    protected boolean completed(DomainEvent event) {
        List<QueueEntry> entries = repository.findByEventId(event.getEventId());
        return entries.isEmpty() ? !keepsCompletedEntries() : entries.get(0).status() == EntryStatus.COMPLETED;
    }

    private List<AuditAction> trail(EventDispatcher dispatcher, TestEvent event) {
        return dispatcher.getAuditLog().findByEventId(event.getEventId()).stream()
                .map(AuditRecord::action)
                .toList();
    }

    // ---------------------------------------------------------------- unreadable entries

    @Test
    final void anUnreadableEntryFailsAtOnceIsFoundByItsReasonAndIsDeliveredOnceItsTypeIsRegistered() {
        ScriptedHandler before = ScriptedHandler.named("answers").maxRetries(3);
        EventDispatcher oldRelease = dispatcher(before);
        // Written by a node that knows the type; no dispatcher on this store has registered it.
        AnswerUpdatedEvent answer = AnswerUpdatedEvent.of("answer-1", "forty-two");
        Instant now = repository.clock().instant();
        repository.enqueue(
                List.of(new NewQueueEntry(UUID.randomUUID(), answer, before.getName(), 100, false, 4, null, now)));
        TestEvent readable = TestEvent.of(TYPE, 1);
        oldRelease.publish(readable, null);
        oldRelease.start();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(entryOf(answer).status()).isEqualTo(EntryStatus.FAILED);
            assertThat(completed(readable)).isTrue();
        });
        QueueEntry quarantined = entryOf(answer);
        assertThat(quarantined.attempts())
                .as("no retries for what cannot be read")
                .isEqualTo(1);
        assertThat(quarantined.error())
                .startsWith(QueueEntry.UNREADABLE_ERROR_PREFIX)
                .contains("'AnswerUpdated'");
        assertThat(quarantined.isUnreadable()).isTrue();
        assertThat(before.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactly(readable.eventId());
        assertThat(oldRelease.getFailedEntries(10, QueueEntry.UNREADABLE_ERROR_PREFIX))
                .extracting(QueueEntry::id)
                .containsExactly(quarantined.id());
        oldRelease.stop();

        // The next release registers the type; a retry delivers the entry.
        ScriptedHandler after = ScriptedHandler.named("answers").maxRetries(3);
        EventDispatcher newRelease = dispatcherWith(after, AnswerUpdatedEvent.class);
        newRelease.start();
        assertThat(newRelease.retryFailedEvents(10)).isEqualTo(1);

        await().atMost(WAIT).until(() -> after.calls("handle").size() == 1);
        assertThat(after.calls("handle").get(0).eventId()).isEqualTo(answer.getEventId());
        assertThat(after.calls("handle").get(0).eventType()).isEqualTo(AnswerUpdatedEvent.TYPE);
        await().atMost(WAIT).until(() -> completed(answer));
        assertThat(newRelease.getFailedEntries(10, QueueEntry.UNREADABLE_ERROR_PREFIX))
                .isEmpty();
    }

    /** A dispatcher on the test's store that also registers {@code eventClass}, stopped after the test. */
    private EventDispatcher dispatcherWith(ScriptedHandler handler, Class<? extends DomainEvent> eventClass) {
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config().build())
                .repository(repository)
                .eventType(TYPE, TestEvent.class)
                .eventType(eventClass)
                .handler(handler)
                .build();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    // ---------------------------------------------------------------- retries and failures

    @Test
    final void aFailedAttemptIsRetriedAfterTheHandlersDelayWithTheNextAttemptNumber() {
        ScriptedHandler handler = ScriptedHandler.named("flaky")
                .maxRetries(3)
                .retryDelay(Duration.ofMillis(300))
                .onHandle((e, c) -> {
                    if (c.getAttempt() < 3) {
                        throw new IllegalStateException("attempt " + c.getAttempt() + " failed");
                    }
                });
        EventDispatcher dispatcher = dispatcher(handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(WAIT)
                .until(() ->
                        completed(event) && dispatcher.getStats().completed() == (countsCompletedEntries() ? 1 : 0));
        assertThat(handler.calls("handle"))
                .extracting(ScriptedHandler.Call::attempt)
                .containsExactly(1, 2, 3);
        List<AuditRecord> trail = dispatcher.getAuditLog().findByEventId(event.getEventId());
        List<Instant> starts = trail.stream()
                .filter(r -> r.action() == AuditAction.STARTED)
                .map(AuditRecord::timestamp)
                .toList();
        List<Instant> retries = trail.stream()
                .filter(r -> r.action() == AuditAction.RETRY_SCHEDULED)
                .map(AuditRecord::timestamp)
                .toList();
        assertThat(starts).hasSize(3);
        assertThat(retries).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(Duration.between(retries.get(i), starts.get(i + 1)))
                    .as("retry %d waits its delay", i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(290));
        }
        assertThat(handler.calls("failure")).isEmpty();
    }

    @Test
    final void aHandlersOwnBackoffDecidesTheDelayBetweenAttempts() {
        ScriptedHandler handler = ScriptedHandler.named("own-backoff")
                .maxRetries(2)
                .retryDelay(Duration.ZERO)
                .retryBackoff(Backoff.exponential(Duration.ofMillis(150), Duration.ofSeconds(5)))
                .onHandle((e, c) -> {
                    if (c.getAttempt() < 3) {
                        throw new IllegalStateException("attempt " + c.getAttempt() + " failed");
                    }
                });
        EventDispatcher dispatcher = dispatcher(handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(WAIT).until(() -> completed(event) && handler.handleCount() == 3);
        List<Instant> retries = timesOf(dispatcher, event, AuditAction.RETRY_SCHEDULED);
        List<Instant> starts = timesOf(dispatcher, event, AuditAction.STARTED);
        assertThat(Duration.between(retries.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        assertThat(Duration.between(retries.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    final void onFailureRunsOnceWithTheHandlersOwnExceptionAfterTheLastAttempt() {
        IllegalStateException thrown = new IllegalStateException("broken for good");
        ScriptedHandler handler = ScriptedHandler.named("broken").maxRetries(1).onHandle((e, c) -> {
            throw thrown;
        });
        EventDispatcher dispatcher = dispatcher(handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(WAIT).until(() -> entryOf(event).status() == EntryStatus.FAILED);
        await().atMost(WAIT).until(() -> handler.calls("failure").size() == 1);
        assertThat(handler.handleCount()).isEqualTo(2);
        assertThat(handler.calls("failure")).singleElement().satisfies(call -> {
            assertThat(call.failure()).isSameAs(thrown);
            assertThat(call.failedAttempt()).isEqualTo(2);
        });
        assertThat(entryOf(event).attempts()).isEqualTo(2);
        assertThat(entryOf(event).error()).isEqualTo("java.lang.IllegalStateException: broken for good");
    }

    @Test
    final void aFailureTheHandlerCallsNotRetryableIsFinalAtOnce() {
        ScriptedHandler handler = ScriptedHandler.named("fail-fast")
                .maxRetries(5)
                .retryable(error -> !(error instanceof IllegalArgumentException))
                .onHandle((e, c) -> {
                    throw new IllegalArgumentException("bad input, retrying cannot help");
                });
        EventDispatcher dispatcher = dispatcher(handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(WAIT).until(() -> handler.calls("failure").size() == 1);
        assertThat(handler.handleCount()).isEqualTo(1);
        assertThat(entryOf(event).status()).isEqualTo(EntryStatus.FAILED);
        assertThat(entryOf(event).attempts()).isEqualTo(1);
        assertThat(handler.calls("failure").get(0).failure()).isInstanceOf(IllegalArgumentException.class);
        assertThat(trail(dispatcher, event))
                .containsExactly(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.FAILED);
    }

    // ---------------------------------------------------------------- due times

    /**
     * Polls so rare that a test finishing within {@link #PROMPTLY} shows the loop woke at the due
     * time rather than at a poll.
     */
    protected EventQueueConfig.Builder rarePolls() {
        return config().processingInterval(RARE_POLL).backgroundInterval(RARE_POLL);
    }

    private static final Duration RARE_POLL = Duration.ofSeconds(60);
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    /** How late a start may be in these tests: far below the poll interval, generous for a busy machine. */
    private static final Duration LATENESS_BOUND = Duration.ofSeconds(2);

    private List<Instant> timesOf(EventDispatcher dispatcher, TestEvent event, AuditAction action) {
        return dispatcher.getAuditLog().findByEventId(event.getEventId()).stream()
                .filter(r -> r.action() == action)
                .map(AuditRecord::timestamp)
                .toList();
    }

    @Test
    final void aRetryStartsAtItsDueTimeNotAtTheNextPoll() {
        Duration delay = Duration.ofMillis(400);
        ScriptedHandler handler = ScriptedHandler.named("punctual-retry")
                .retryDelay(delay)
                .onHandle((e, c) -> {
                    if (c.getAttempt() == 1) {
                        throw new IllegalStateException("first attempt fails");
                    }
                });
        EventDispatcher dispatcher = dispatcher(rarePolls().build(), repository, handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(PROMPTLY).until(() -> handler.handleCount() == 2 && completed(event));
        Instant scheduled =
                timesOf(dispatcher, event, AuditAction.RETRY_SCHEDULED).get(0);
        Instant retried = timesOf(dispatcher, event, AuditAction.STARTED).get(1);
        assertThat(Duration.between(scheduled, retried))
                .isGreaterThanOrEqualTo(delay.minusMillis(10))
                .isLessThan(delay.plus(LATENESS_BOUND));
    }

    @Test
    final void aRetryScheduledByAnotherNodeStartsAtItsDueTimeOnceAClaimHasSeenIt() {
        ScriptedHandler handler = ScriptedHandler.named("learned-at-claim");
        EventDispatcher dispatcher = dispatcher(rarePolls().build(), repository, handler);
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);
        ClaimedEntry other = claimAsLostWorker(handler.getName());
        Instant now = repository.clock().instant();
        Instant due = now.plusMillis(600);
        assertThat(repository.reschedule(other.ref(), due, "failed on another node", now))
                .isTrue();

        dispatcher.start(); // its first claim finds nothing due and learns when the retry is

        await().atMost(PROMPTLY).until(() -> completed(event) && handler.handleCount() == 1);
        Instant started = timesOf(dispatcher, event, AuditAction.STARTED).get(0);
        assertThat(started).isAfterOrEqualTo(due.minusMillis(10)).isBefore(due.plus(LATENESS_BOUND));
    }

    @Test
    final void aBackgroundEntryPublishedHereStartsAtOnceNotAtTheNextBackgroundPoll() {
        ScriptedHandler handler = ScriptedHandler.named("prompt-background").background();
        EventDispatcher dispatcher = dispatcher(rarePolls().build(), repository, handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(PROMPTLY).until(() -> completed(event) && handler.handleCount() == 1);
    }

    @Test
    final void aDelayedEventIsStoredAsPendingAndStartsAtItsInstant() {
        ScriptedHandler handler = ScriptedHandler.named("delayed");
        EventDispatcher dispatcher = dispatcher(rarePolls().build(), repository, handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        Instant due = repository.clock().instant().plusMillis(800);
        dispatcher.publishAt(event, due, null);

        QueueEntry waiting = entryOf(event);
        assertThat(waiting.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(waiting.nextRetryAt()).isBetween(due.minusMillis(1), due.plusMillis(1));
        await().atMost(PROMPTLY).until(() -> completed(event) && handler.handleCount() == 1);
        Instant started = timesOf(dispatcher, event, AuditAction.STARTED).get(0);
        assertThat(started).isAfterOrEqualTo(due.minusMillis(10)).isBefore(due.plus(LATENESS_BOUND));
    }

    @Test
    final void delayedEventsDueMomentsApartFromAnotherNodeAllStartOnTime() {
        ScriptedHandler handler = ScriptedHandler.named("close-together");
        EventDispatcher publishing = dispatcher(rarePolls().build(), repository, handler);
        EventDispatcher worker = dispatcher(rarePolls().build(), repository, ScriptedHandler.named("close-together"));
        Instant first = repository.clock().instant().plusMillis(700);
        List<TestEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestEvent event = TestEvent.of(TYPE, i);
            events.add(event);
            publishing.publishAt(event, first.plusMillis(2L * i), null);
        }

        worker.start(); // learns the first due time at its first claim, and each next one after a claim

        await().atMost(PROMPTLY).until(() -> events.stream().allMatch(this::completed));
        for (TestEvent event : events) {
            assertThat(timesOf(worker, event, AuditAction.STARTED))
                    .singleElement()
                    .satisfies(started -> assertThat(started)
                            .isAfterOrEqualTo(first.minusMillis(10))
                            .isBefore(first.plus(LATENESS_BOUND)));
        }
    }

    @Test
    final void aDelayedEventPublishedBeforeARestartIsDeliveredByTheNextDispatcher() {
        ScriptedHandler first = ScriptedHandler.named("durable-delay");
        EventDispatcher publishing = dispatcher(rarePolls().build(), repository, first);
        TestEvent event = TestEvent.of(TYPE, 1);
        publishing.publishAfter(event, Duration.ofMillis(700), null);
        Instant due = entryOf(event).nextRetryAt();
        publishing.close();

        ScriptedHandler second = ScriptedHandler.named("durable-delay");
        EventDispatcher next = dispatcher(rarePolls().build(), repository, second);
        next.start();

        await().atMost(PROMPTLY).until(() -> completed(event) && second.handleCount() == 1);
        assertThat(first.handleCount()).isZero();
        assertThat(second.calls("handle").get(0).attempt()).isEqualTo(1);
        assertThat(timesOf(next, event, AuditAction.STARTED).get(0)).isAfterOrEqualTo(due.minusMillis(10));
    }

    @Test
    final void anAggregateRecordsADelayedEventBesideAnImmediateOne() {
        ScriptedHandler handler = ScriptedHandler.named("aggregate-delay");
        EventDispatcher dispatcher = dispatcher(rarePolls().build(), repository, handler);
        dispatcher.start();
        TestEvent now = TestEvent.of(TYPE, 1);
        TestEvent later = TestEvent.of(TYPE, 2);
        Instant due = repository.clock().instant().plusMillis(800);
        Reminders aggregate = new Reminders();
        aggregate.record(now, null);
        aggregate.record(later, due);

        aggregate.publishAndClearDomainEvents(dispatcher, null);

        assertThat(aggregate.getDomainEvents()).isEmpty();
        await().atMost(PROMPTLY).until(() -> completed(now) && completed(later));
        assertThat(handler.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactly(now.getEventId(), later.getEventId());
        assertThat(timesOf(dispatcher, later, AuditAction.STARTED).get(0)).isAfterOrEqualTo(due.minusMillis(10));
    }

    @Test
    final void aDelayedEventWithoutAnInstantIsRefusedAndNothingIsEnqueued() {
        EventDispatcher dispatcher = dispatcher(ScriptedHandler.named("refused"));
        TestEvent event = TestEvent.of(TYPE, 1);

        assertThatThrownBy(() -> dispatcher.publishAt(event, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deliverAt must not be null");
        assertThatThrownBy(() -> dispatcher.publishAfter(event, Duration.ofSeconds(-1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delay must be zero or positive, was PT-1S");
        assertThat(repository.findByEventId(event.getEventId())).isEmpty();
    }

    /** An aggregate that records events, some of them for later. */
    private static final class Reminders extends AggregateRoot {
        void record(TestEvent event, Instant deliverAt) {
            if (deliverAt == null) {
                addDomainEvent(event);
            } else {
                addDomainEvent(event, deliverAt);
            }
        }
    }

    // ---------------------------------------------------------------- priority aging

    /**
     * A steady stream of high-priority entries, always more of them due than a claim takes: the
     * low-priority entry waits while it is younger than the aging period and starts within the
     * documented bound once it is older. Time is a {@link MutableClock} the store is seen through,
     * advanced by each high-priority run, so the bound is checked in the time the entries are
     * dated by, whatever the machine's speed.
     */
    @Test
    final void aLowPriorityEntryStartsWithinTheAgingBoundUnderAStreamOfHighPriorityOnes() {
        Duration aging = Duration.ofSeconds(5);
        Duration step = Duration.ofMillis(100);
        int batchSize = 2;
        MutableClock clock = new MutableClock(repository.clock().instant());
        EventQueueRepository seenThroughClock = new ForwardingEventQueueRepository(repository) {
            @Override
            public Clock clock() {
                return clock;
            }
        };
        AtomicReference<Instant> lowStarted = new AtomicReference<>();
        AtomicInteger highRuns = new AtomicInteger();
        AtomicReference<EventDispatcher> dispatcher = new AtomicReference<>();
        ScriptedHandler low = ScriptedHandler.named("low")
                .types(AnswerUpdatedEvent.TYPE)
                .priority(1000)
                .onHandle((e, c) -> lowStarted.compareAndSet(null, clock.instant()));
        ScriptedHandler high = ScriptedHandler.named("high")
                .types(TYPE)
                .priority(1)
                .onHandle((e, c) -> {
                    clock.advance(step);
                    int run = highRuns.incrementAndGet();
                    // One more due for each run: the stream never thins out while the low one waits.
                    if (lowStarted.get() == null && run < 1_000) {
                        dispatcher.get().publish(TestEvent.of(TYPE, 1_000 + run), null);
                    }
                });
        EventDispatcher.Builder builder = EventDispatcher.builder()
                .config(config().maxConcurrent(1)
                        .batchSize(batchSize)
                        .leaseDuration(Duration.ofMinutes(10))
                        .priorityAging(aging)
                        .build())
                .repository(seenThroughClock)
                .eventType(TYPE, TestEvent.class)
                .eventType(AnswerUpdatedEvent.TYPE, AnswerUpdatedEvent.class)
                .handler(high)
                .handler(low);
        dispatcher.set(builder.build());
        dispatchers.add(dispatcher.get());
        Instant lowPublished = clock.instant();
        dispatcher.get().publish(AnswerUpdatedEvent.of("answer-1", "low priority"), null);
        clock.advance(step);
        // More high-priority entries due than one worker holds (batch size), at every claim.
        List<TestEvent> highs = new ArrayList<>();
        for (int i = 0; i < batchSize + 3; i++) {
            highs.add(TestEvent.of(TYPE, i));
        }
        dispatcher.get().publishAll(highs, null);
        dispatcher.get().start();

        await().atMost(WAIT).until(() -> lowStarted.get() != null);
        Duration waited = Duration.between(lowPublished, lowStarted.get());
        // Claimed at the first aged check after it aged (one check period at most), then behind at
        // most the batch claimed before it and the entry running.
        Duration bound = aging.plus(Duration.ofSeconds(1)).plus(step.multipliedBy(batchSize + 1L));
        assertThat(waited).as("low-priority wait").isGreaterThanOrEqualTo(aging).isLessThanOrEqualTo(bound);
    }

    // ---------------------------------------------------------------- concurrency caps

    @Test
    final void aCappedHandlerRunsNoMoreCallsAtOnceThanItsCapWhileOthersUseTheFreeWorkers() {
        Semaphore gate = new Semaphore(0);
        AtomicInteger cappedRunning = new AtomicInteger();
        AtomicInteger cappedPeak = new AtomicInteger();
        AtomicInteger otherRunning = new AtomicInteger();
        ScriptedHandler capped = ScriptedHandler.named("capped")
                .maxConcurrency(2)
                .onHandle((e, c) -> {
                    cappedPeak.accumulateAndGet(cappedRunning.incrementAndGet(), Math::max);
                    try {
                        gate.acquire();
                    } finally {
                        cappedRunning.decrementAndGet();
                    }
                });
        ScriptedHandler other = ScriptedHandler.named("uncapped").onHandle((e, c) -> {
            otherRunning.incrementAndGet();
            try {
                gate.acquire();
            } finally {
                otherRunning.decrementAndGet();
            }
        });
        EventDispatcher dispatcher =
                dispatcher(config().maxConcurrent(8).batchSize(20).build(), repository, capped, other);
        List<TestEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(TestEvent.of(TYPE, i));
        }
        dispatcher.publishAll(events, null);
        dispatcher.start();

        // 8 workers for 12 entries: only a cap of 2 leaves room for all 6 uncapped calls at once.
        await().atMost(WAIT).until(() -> cappedRunning.get() == 2 && otherRunning.get() == 6);
        gate.release(1_000);
        await().atMost(WAIT).until(() -> capped.handleCount() == 6 && other.handleCount() == 6);
        assertThat(cappedPeak).hasValue(2);
        await().atMost(WAIT)
                .until(() -> events.stream()
                        .allMatch(event -> repository.findByEventId(event.getEventId()).stream()
                                .allMatch(entry -> entry.status() == EntryStatus.COMPLETED)));
    }

    // ---------------------------------------------------------------- timeouts

    @Test
    final void aCallPastItsTimeoutIsInterruptedAndCountsAsAFailedAttempt() {
        AtomicInteger interrupted = new AtomicInteger();
        ScriptedHandler handler = ScriptedHandler.named("slow")
                .timeout(Duration.ofMillis(200))
                .maxRetries(1)
                .onHandle((e, c) -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException stopped) {
                        interrupted.incrementAndGet();
                        throw stopped;
                    }
                });
        EventDispatcher dispatcher = dispatcher(handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(WAIT).until(() -> handler.calls("failure").size() == 1);
        assertThat(interrupted).hasValue(2);
        QueueEntry entry = entryOf(event);
        assertThat(entry.status()).isEqualTo(EntryStatus.FAILED);
        assertThat(entry.attempts()).isEqualTo(2);
        assertThat(entry.error())
                .contains(HandlerTimeoutException.class.getName())
                .contains("timeout of 200 ms");
        assertThat(handler.calls("failure").get(0).failure()).isInstanceOf(HandlerTimeoutException.class);
    }

    @Test
    final void aCallThatIgnoresTheInterruptIsAbandonedAndThePoolKeepsItsSize() {
        AtomicBoolean release = new AtomicBoolean();
        ScriptedHandler hung = ScriptedHandler.named("hung")
                .types("Hang")
                .timeout(Duration.ofMillis(200))
                .maxRetries(0)
                .onHandle((e, c) -> {
                    while (!release.get()) {
                        Thread.onSpinWait(); // ignores interrupts, as a stuck native call would
                    }
                });
        ScriptedHandler healthy = ScriptedHandler.named("healthy").types(TYPE);
        EventDispatcher dispatcher = dispatcher(config().maxConcurrent(1).build(), repository, hung, healthy);
        dispatcher.start();
        try {
            TestEvent hanging = TestEvent.of("Hang", 1);
            dispatcher.publish(hanging, null);
            await().atMost(WAIT).until(() -> hung.handleCount() == 1);
            TestEvent after = TestEvent.of(TYPE, 2);
            dispatcher.publish(after, null);

            await().atMost(WAIT)
                    .until(() -> completed(after) && hung.calls("failure").size() == 1);
            QueueEntry failed = entryOf(hanging);
            assertThat(failed.status()).isEqualTo(EntryStatus.FAILED);
            assertThat(failed.error()).contains("timeout of 200 ms");
            assertThat(healthy.handleCount()).as("the only worker was replaced").isEqualTo(1);
        } finally {
            release.set(true);
        }
    }

    // ---------------------------------------------------------------- leases and fencing

    private ClaimedEntry claimAsLostWorker(String handlerName) {
        Instant now = repository.clock().instant();
        List<ClaimedEntry> claimed = repository.claim(new ClaimRequest(
                now, 10, Loop.FOREGROUND, Set.of(handlerName), "lost-node:1:deadbeef", now.plusMillis(300)));
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    @Test
    final void anEntryWhoseWorkerWasLostRunsAgainOnceItsLeaseExpires() {
        ScriptedHandler handler = ScriptedHandler.named("recovering");
        EventDispatcher dispatcher = dispatcher(handler);
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);
        ClaimedEntry lost = claimAsLostWorker(handler.getName());

        dispatcher.start();

        await().atMost(WAIT).until(() -> completed(event) && handler.handleCount() == 1);
        assertThat(handler.calls("handle")).singleElement().satisfies(call -> {
            assertThat(call.attempt()).as("the lost attempt counts").isEqualTo(2);
            assertThat(call.entryId()).isEqualTo(lost.id());
        });
        assertThat(repository.complete(List.of(lost.ref()), repository.clock().instant()))
                .as("the lost worker's claim can no longer complete it")
                .isZero();
    }

    @Test
    final void anEntryLostOnItsLastAttemptFailsWithoutRunningAgainAndOnFailureRunsOnce() {
        ScriptedHandler handler = ScriptedHandler.named("last-chance").maxRetries(0);
        EventDispatcher dispatcher = dispatcher(handler);
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);
        claimAsLostWorker(handler.getName());

        dispatcher.start();

        await().atMost(WAIT).until(() -> handler.calls("failure").size() == 1);
        assertThat(handler.handleCount()).isZero();
        QueueEntry failed = entryOf(event);
        assertThat(failed.status()).isEqualTo(EntryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo(LeaseMessages.lostOnLastAttempt("lost-node:1:deadbeef", 1));
        assertThat(handler.calls("failure").get(0).failure())
                .isInstanceOf(WorkerLostException.class)
                .hasMessage(failed.error());
        assertThat(trail(dispatcher, event)).containsExactly(AuditAction.PUBLISHED, AuditAction.FAILED);
    }

    @Test
    final void aHandlerRunningForSeveralLeasesKeepsItsEntryAndRunsOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ScriptedHandler.Action slow = (e, c) -> {
            started.countDown();
            finish.await(60, TimeUnit.SECONDS);
        };
        ScriptedHandler first = ScriptedHandler.named("long").onHandle(slow);
        ScriptedHandler second = ScriptedHandler.named("long").onHandle(slow);
        EventDispatcher one = dispatcher(first);
        EventDispatcher other = dispatcher(second);
        one.start();
        other.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        one.publish(event, null);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Instant leaseSeen = entryOf(event).leaseExpiresAt();

        // The heartbeat must move the lease on several times while the handler runs.
        await().atMost(WAIT)
                .until(() -> entryOf(event).leaseExpiresAt().isAfter(leaseSeen.plus(LEASE.multipliedBy(3))));
        finish.countDown();

        await().atMost(WAIT).until(() -> completed(event));
        assertThat(first.handleCount() + second.handleCount()).isEqualTo(1);
    }

    @Test
    final void aStaleRunOfTheSameNodeCannotWriteOverTheNewClaim() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CountDownLatch finishSecond = new CountDownLatch(1);
        ScriptedHandler handler = ScriptedHandler.named("twice").onHandle((e, c) -> {
            bothStarted.countDown();
            if (c.getAttempt() == 1) {
                finishFirst.await(60, TimeUnit.SECONDS);
                throw new IllegalStateException("the stale run fails");
            }
            finishSecond.await(60, TimeUnit.SECONDS);
        });
        EventDispatcher dispatcher = dispatcher(handler);
        dispatcher.start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);
        await().atMost(WAIT).until(() -> handler.handleCount() == 1);

        // The lease lapses as if this process had paused past it: recovery takes the entry back
        // and the same dispatcher claims it again while the first run still runs.
        Instant pastTheLease = entryOf(event).leaseExpiresAt().plusSeconds(60);
        assertThat(repository.releaseExpiredLeases(pastTheLease)).hasSize(1);
        assertThat(bothStarted.await(30, TimeUnit.SECONDS)).isTrue();
        finishFirst.countDown();

        await().atMost(WAIT)
                .until(() -> dispatcher.getAuditLog().findByEventId(event.getEventId()).stream()
                        .anyMatch(r -> r.action() == AuditAction.RETRY_SCHEDULED));
        QueueEntry afterStaleOutcome = entryOf(event);
        assertThat(afterStaleOutcome.status())
                .as("the second claim still holds it")
                .isEqualTo(EntryStatus.PROCESSING);
        assertThat(afterStaleOutcome.attempts()).isEqualTo(2);
        finishSecond.countDown();

        await().atMost(WAIT).until(() -> completed(event));
        assertThat(handler.calls("failure")).isEmpty();
        assertThat(handler.handleCount()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    final void stopLetsRunningHandlersFinishAndGivesBackWhatDidNotStart() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ScriptedHandler handler = ScriptedHandler.named("draining").onHandle((e, c) -> {
            running.countDown();
            finish.await(60, TimeUnit.SECONDS);
        });
        EventDispatcher dispatcher =
                dispatcher(config().maxConcurrent(1).batchSize(10).build(), repository, handler);
        List<TestEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(TestEvent.of(TYPE, i));
        }
        dispatcher.publishAll(events, null);
        dispatcher.start();
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(dispatcher::stop);
        stopper.start();
        await().atMost(WAIT).until(() -> repository.countByStatus().pending() == 4); // given back while one runs
        finish.countDown();
        stopper.join(30_000);

        assertThat(stopper.isAlive()).isFalse();
        assertThat(handler.handleCount()).isEqualTo(1);
        assertThat(repository.countByStatus().processing())
                .as("nothing left processing")
                .isZero();
        assertThat(repository.countByStatus().pending()).isEqualTo(4);
        for (TestEvent event : events) {
            List<QueueEntry> entries = repository.findByEventId(event.getEventId());
            entries.stream()
                    .filter(e -> e.status() == EntryStatus.PENDING)
                    .forEach(e ->
                            assertThat(e.attempts()).as("given back unstarted").isZero());
        }
    }

    // ---------------------------------------------------------------- loops that cannot die

    @Test
    final void theLoopsTheWriterAndTheHousekeeperSurviveAnErrorFromTheStore() {
        FaultInjectingRepository faulty = new FaultInjectingRepository(repository)
                .throwErrorOnce(FaultInjectingRepository.Call.CLAIM)
                .throwErrorOnce(FaultInjectingRepository.Call.COMPLETE)
                .throwErrorOnce(FaultInjectingRepository.Call.EXTEND_LEASES)
                .throwErrorOnce(FaultInjectingRepository.Call.RELEASE_EXPIRED_LEASES);
        CountDownLatch finish = new CountDownLatch(1);
        ScriptedHandler slow =
                ScriptedHandler.named("slow").types("Slow").onHandle((e, c) -> finish.await(60, TimeUnit.SECONDS));
        ScriptedHandler quick = ScriptedHandler.named("quick").types(TYPE);
        EventDispatcher dispatcher = dispatcher(config().build(), faulty, slow, quick);
        dispatcher.start();
        TestEvent slowEvent = TestEvent.of("Slow", 0);
        dispatcher.publish(slowEvent, null);

        // The slow call spans heartbeats, so the lease renewal meets its error too.
        await().atMost(WAIT)
                .until(() -> faulty.thrown(FaultInjectingRepository.Call.CLAIM)
                        && faulty.thrown(FaultInjectingRepository.Call.EXTEND_LEASES)
                        && faulty.thrown(FaultInjectingRepository.Call.RELEASE_EXPIRED_LEASES));
        finish.countDown();
        List<TestEvent> later = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            later.add(TestEvent.of(TYPE, i));
        }
        dispatcher.publishAll(later, null);

        await().atMost(WAIT)
                .until(() -> faulty.thrown(FaultInjectingRepository.Call.COMPLETE)
                        && later.stream().allMatch(this::completed)
                        && completed(slowEvent));
        assertThat(dispatcher.getHealth().status()).isEqualTo(HealthReport.Status.UP);
    }

    // ---------------------------------------------------------------- interceptors

    /** One delivery as an interceptor saw it. */
    private record Intercepted(
            UUID eventId, int attempt, Map<String, String> headers, String previousError, DeliveryOutcome outcome) {}

    @Test
    final void headersAnInterceptorAddsAtPublishReachEveryAttemptOnAnotherDispatcherWithItsOutcome() {
        List<Intercepted> deliveries = new CopyOnWriteArrayList<>();
        List<String> published = new CopyOnWriteArrayList<>();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        EventQueueInterceptor interceptor = new EventQueueInterceptor() {
            @Override
            public PublishScope onPublish(DomainEvent event, String handlerName, Map<String, String> headers) {
                headers.put("origin", event.getEventId() + "/" + handlerName);
                return error -> published.add(event.getEventId() + (error == null ? " enqueued" : " failed"));
            }

            @Override
            public DeliveryScope onDelivery(ClaimedEntry entry, Duration queueWait) {
                waits.add(queueWait);
                return (outcome, error) -> deliveries.add(new Intercepted(
                        entry.eventId(), entry.attempt(), entry.headers(), entry.previousError(), outcome));
            }
        };
        List<String> mdcSeen = new CopyOnWriteArrayList<>();
        ScriptedHandler handler = ScriptedHandler.named("intercepted")
                .maxRetries(1)
                .onHandle((e, c) -> {
                    mdcSeen.add(MDC.get(DeliveryMdc.EVENT_ID) + " " + MDC.get(DeliveryMdc.HANDLER));
                    if (((TestEvent) e).number() == 2 || c.getAttempt() == 1) {
                        throw new IllegalStateException("attempt " + c.getAttempt() + " failed");
                    }
                });
        EventDispatcher publisher = intercepted(interceptor, handler);
        EventDispatcher consumer = intercepted(interceptor, handler);
        consumer.start();
        TestEvent retried = TestEvent.of(TYPE, 1);
        TestEvent failing = TestEvent.of(TYPE, 2);
        publisher.publishAll(List.of(retried, failing), null);

        await().atMost(WAIT).until(() -> completed(retried) && entryOf(failing).status() == EntryStatus.FAILED);
        assertThat(published)
                .containsExactlyInAnyOrder(retried.getEventId() + " enqueued", failing.getEventId() + " enqueued");
        Map<String, String> retriedHeaders = Map.of("origin", retried.getEventId() + "/" + handler.getName());
        Map<String, String> failingHeaders = Map.of("origin", failing.getEventId() + "/" + handler.getName());
        await().atMost(WAIT).until(() -> deliveries.size() == 4);
        assertThat(deliveries)
                .containsExactlyInAnyOrder(
                        new Intercepted(retried.getEventId(), 1, retriedHeaders, null, DeliveryOutcome.RETRY_SCHEDULED),
                        new Intercepted(
                                retried.getEventId(),
                                2,
                                retriedHeaders,
                                "java.lang.IllegalStateException: attempt 1 failed",
                                DeliveryOutcome.COMPLETED),
                        new Intercepted(failing.getEventId(), 1, failingHeaders, null, DeliveryOutcome.RETRY_SCHEDULED),
                        new Intercepted(
                                failing.getEventId(),
                                2,
                                failingHeaders,
                                "java.lang.IllegalStateException: attempt 1 failed",
                                DeliveryOutcome.FAILED));
        assertThat(waits).hasSize(4).allMatch(wait -> !wait.isNegative());
        assertThat(mdcSeen)
                .contains(
                        retried.getEventId() + " " + handler.getName(), failing.getEventId() + " " + handler.getName());

        // A redrive by hand starts again at attempt 1, but with the last error: it is not the first delivery.
        // Its retry may start, and end, before the first attempt's scope has ended: order is not asserted.
        assertThat(consumer.retryFailedEvents(10)).isEqualTo(1);
        await().atMost(WAIT).until(() -> deliveries.size() >= 6);
        assertThat(deliveries.subList(4, 6))
                .containsExactlyInAnyOrder(
                        new Intercepted(
                                failing.getEventId(),
                                1,
                                failingHeaders,
                                "java.lang.IllegalStateException: attempt 2 failed",
                                DeliveryOutcome.RETRY_SCHEDULED),
                        new Intercepted(
                                failing.getEventId(),
                                2,
                                failingHeaders,
                                "java.lang.IllegalStateException: attempt 1 failed",
                                DeliveryOutcome.FAILED));
    }

    private EventDispatcher intercepted(EventQueueInterceptor interceptor, ScriptedHandler handler) {
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config().build())
                .repository(repository)
                .eventType(TYPE, TestEvent.class)
                .interceptor(interceptor)
                .handler(handler)
                .build();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    // ---------------------------------------------------------------- cleanup

    @Test
    final void cleanupDeletesOnlyCompletedEntriesOlderThanTheAgeAndAuditsIt() {
        assumeTrue(keepsCompletedEntries(), "the store forgets completed entries at once");
        ScriptedHandler handler = ScriptedHandler.named("cleaned").types(TYPE);
        ScriptedHandler failing = ScriptedHandler.named("failing")
                .types("Broken")
                .maxRetries(0)
                .onHandle((e, c) -> {
                    throw new IllegalStateException("no");
                });
        EventDispatcher dispatcher = dispatcher(handler, failing);
        dispatcher.start();
        List<TestEvent> done = List.of(TestEvent.of(TYPE, 1), TestEvent.of(TYPE, 2));
        TestEvent broken = TestEvent.of("Broken", 3);
        dispatcher.publishAll(done, null);
        dispatcher.publish(broken, null);
        await().atMost(WAIT)
                .until(() -> done.stream().allMatch(this::completed)
                        && entryOf(broken).status() == EntryStatus.FAILED);
        dispatcher.stop();

        assertThat(dispatcher.cleanupOlderThan(Duration.ofDays(1)))
                .as("nothing that old")
                .isZero();
        AtomicInteger deleted = new AtomicInteger();
        await().atMost(WAIT).until(() -> deleted.addAndGet(dispatcher.cleanupOlderThan(Duration.ZERO)) == 2);

        assertThat(dispatcher.getStats().completed()).isZero();
        assertThat(entryOf(broken).status()).as("failed entries stay").isEqualTo(EntryStatus.FAILED);
        for (TestEvent event : done) {
            assertThat(repository.findByEventId(event.getEventId())).isEmpty();
            assertThat(trail(dispatcher, event)).last().isEqualTo(AuditAction.CLEANED_UP);
        }
    }
}
