package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.LeaseMessages;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testevents.TestEvent;
import dev.eventqueue.testsupport.ScriptedHandler;
import dev.eventqueue.testsupport.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SPEC §3 item 5: leases expire when a worker dies, and a live worker keeps its lease. */
class LeaseTest {

    private static final String DEAD_OWNER = "dead-node:1:deadbeef";
    private static final Duration SHORT_LEASE = Duration.ofMillis(300);

    private final InMemoryEventQueueRepository repository = new InMemoryEventQueueRepository();

    private ClaimedEntry claimAsDeadWorker(String handlerName) {
        Instant now = Instant.now();
        List<ClaimedEntry> claimed = repository.claim(
                new ClaimRequest(now, 10, false, Set.of(handlerName), DEAD_OWNER, now.plusMillis(200)));
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    @Test
    void anEntryWhoseWorkerDiedIsRecoveredAfterItsLeaseExpiresAndRunsAgain() {
        ScriptedHandler handler = ScriptedHandler.named("recovering");
        EventQueueConfig config = TestConfigs.fast().leaseDuration(SHORT_LEASE).build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .handler(handler)
                .build()) {
            TestEvent event = TestEvent.of("Tick", 1);
            dispatcher.publish(event, null);
            ClaimedEntry lost = claimAsDeadWorker(handler.getName());

            dispatcher.start();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1);
            assertThat(handler.calls("handle")).singleElement().satisfies(call -> {
                assertThat(call.attempt()).as("the lost attempt counts").isEqualTo(2);
                assertThat(call.entryId()).isEqualTo(lost.id());
            });
            assertThat(repository.complete(List.of(lost.id()), DEAD_OWNER, Instant.now()))
                    .as("the dead worker cannot overwrite the outcome")
                    .isZero();
        }
    }

    @Test
    void anEntryLostOnItsLastAttemptFailsInsteadOfRunningAgain() {
        ScriptedHandler handler = ScriptedHandler.named("last-chance").maxRetries(0);
        EventQueueConfig config = TestConfigs.fast().leaseDuration(SHORT_LEASE).build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .handler(handler)
                .build()) {
            TestEvent event = TestEvent.of("Tick", 1);
            dispatcher.publish(event, null);
            claimAsDeadWorker(handler.getName());

            dispatcher.start();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().failed() == 1);
            QueueEntry failed = repository.findByEventId(event.getEventId()).get(0);
            assertThat(failed.error()).isEqualTo(LeaseMessages.lostOnLastAttempt(DEAD_OWNER, 1));
            assertThat(handler.handleCount()).isZero();
            assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()))
                    .extracting(AuditRecord::action)
                    .containsExactly(AuditAction.PUBLISHED, AuditAction.FAILED);
        }
    }

    @Test
    void aHandlerRunningLongerThanTheLeaseKeepsItAndIsNotRunTwiceByAnotherDispatcher() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ScriptedHandler.Action slow = (e, c) -> {
            started.countDown();
            release.await(60, TimeUnit.SECONDS);
        };
        ScriptedHandler onFirst = ScriptedHandler.named("long").onHandle(slow);
        ScriptedHandler onSecond = ScriptedHandler.named("long").onHandle(slow);
        EventQueueConfig config = TestConfigs.fast().leaseDuration(SHORT_LEASE).build();
        try (EventDispatcher first = EventDispatcher.builder()
                        .config(config)
                        .repository(repository)
                        .handler(onFirst)
                        .build();
                EventDispatcher second = EventDispatcher.builder()
                        .config(config)
                        .repository(repository)
                        .handler(onSecond)
                        .build()) {
            first.start();
            second.start();
            TestEvent event = TestEvent.of("Tick", 1);
            first.publish(event, null);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            String owner = repository.findByEventId(event.getEventId()).get(0).owner();

            // Five lease durations: without the heartbeat the other dispatcher would take it over.
            await().during(SHORT_LEASE.multipliedBy(5))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> {
                        QueueEntry entry =
                                repository.findByEventId(event.getEventId()).get(0);
                        return entry.status() == EntryStatus.PROCESSING
                                && owner.equals(entry.owner())
                                && onFirst.handleCount() + onSecond.handleCount() == 1;
                    });

            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> first.getStats().completed() == 1);
            assertThat(onFirst.handleCount() + onSecond.handleCount()).isEqualTo(1);
            assertThat(repository.findByEventId(event.getEventId()).get(0).attempts())
                    .isEqualTo(1);
        }
    }
}
