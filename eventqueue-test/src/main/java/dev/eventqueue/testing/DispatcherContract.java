package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.HandlerTimeoutException;
import dev.eventqueue.handler.WorkerLostException;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.LeaseMessages;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.events.AnswerUpdatedEvent;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
                .until(() -> completed(event) && dispatcher.getStats().completed() == 1);
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
