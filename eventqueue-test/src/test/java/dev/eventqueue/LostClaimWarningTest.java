package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import dev.eventqueue.testsupport.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat warns of claims this node lost while it still works on them. A completion that the
 * store has already written, while the completion writer has not yet returned, is not lost: the
 * renewal finds it no longer held because it is done.
 */
class LostClaimWarningTest {

    @Test
    void aCompletionWrittenWhileLeasesAreRenewedIsNotReportedAsALostClaim() throws Exception {
        CompletionReturningLate repository =
                new CompletionReturningLate(new InMemoryEventQueueRepository(Clock.systemUTC()));
        EventQueueConfig config = TestConfigs.fast()
                .leaseDuration(Duration.ofSeconds(60))
                .heartbeatInterval(Duration.ofMillis(50))
                .build();
        try (LogCapture logs = LogCapture.of("dev.eventqueue");
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .config(config)
                        .repository(repository)
                        .handler(ScriptedHandler.named("quick"))
                        .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("Tick", 1), null);

            // Two renewals after the store wrote the completion: the first one's check of lost claims
            // has run by the time the second one starts.
            await().atMost(Duration.ofSeconds(30)).until(() -> repository.renewalsAfterCompletion.get() >= 2);
            repository.completionMayReturn.countDown();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 1);

            assertThat(repository.renewalsAfterCompletion.get()).isGreaterThanOrEqualTo(2);
            assertThat(logs.lines()).noneMatch(line -> line.contains("no longer held"));
        }
    }

    /** A store whose completion is written at once but returns to the writer only when the test says so. */
    private static final class CompletionReturningLate extends ForwardingEventQueueRepository {
        final CountDownLatch completionMayReturn = new CountDownLatch(1);
        final AtomicInteger renewalsAfterCompletion = new AtomicInteger();
        private volatile boolean completed;

        CompletionReturningLate(InMemoryEventQueueRepository delegate) {
            super(delegate);
        }

        @Override
        public int complete(Collection<ClaimRef> claims, Instant now) {
            int written = super.complete(claims, now);
            completed = true;
            try {
                completionMayReturn.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return written;
        }

        @Override
        public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
            Set<ClaimRef> held = super.extendLeases(claims, leaseUntil, now);
            if (completed) {
                renewalsAfterCompletion.incrementAndGet();
            }
            return held;
        }
    }
}
