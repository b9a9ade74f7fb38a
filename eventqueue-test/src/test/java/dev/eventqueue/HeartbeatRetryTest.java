package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A lease renewal that fails (a deadlock victim, a busy pool) is tried again within a fraction of
 * the heartbeat period, not a whole period later: a few missed periods would let the lease lapse
 * while the handler still runs.
 */
class HeartbeatRetryTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(4);

    @Test
    void aFailedRenewalIsTriedAgainLongBeforeTheNextPeriod() throws Exception {
        RenewalsFailingTwice repository = new RenewalsFailingTwice(new InMemoryEventQueueRepository(Clock.systemUTC()));
        CountDownLatch release = new CountDownLatch(1);
        ScriptedHandler slow =
                ScriptedHandler.named("slow").onHandle((event, context) -> release.await(60, TimeUnit.SECONDS));
        EventQueueConfig config = TestConfigs.fast()
                .leaseDuration(Duration.ofSeconds(60))
                .heartbeatInterval(HEARTBEAT)
                .build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .handler(slow)
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("Tick", 1), null);

            await().atMost(Duration.ofSeconds(30)).until(() -> repository.renewalNanos.size() >= 3);
            release.countDown();

            List<Long> renewals = repository.renewalNanos;
            // The two failed renewals and the successful one all fall within one heartbeat period.
            assertThat(Duration.ofNanos(renewals.get(2) - renewals.get(0)))
                    .as("time from the first failed renewal to the successful retry")
                    .isLessThan(HEARTBEAT.dividedBy(2));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 1);
        }
    }

    /** A store whose first two lease renewals throw, as a deadlock victim's would. */
    private static final class RenewalsFailingTwice extends ForwardingEventQueueRepository {
        final List<Long> renewalNanos = new CopyOnWriteArrayList<>();
        private final AtomicInteger failuresLeft = new AtomicInteger(2);

        RenewalsFailingTwice(InMemoryEventQueueRepository delegate) {
            super(delegate);
        }

        @Override
        public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
            renewalNanos.add(System.nanoTime());
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("Deadlock found when trying to get lock (injected)");
            }
            return super.extendLeases(claims, leaseUntil, now);
        }
    }
}
