package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A process that pauses right after a claim (a long garbage collection, SIGSTOP) comes back with
 * a batch whose leases may have lapsed: it must not start any of it.
 */
class StaleClaimTest {

    /** A store whose first claim returns only after the leases it wrote have expired. */
    static final class PausingRepository extends ForwardingEventQueueRepository {
        final AtomicBoolean paused = new AtomicBoolean();
        final List<ClaimRef> pausedClaims = new CopyOnWriteArrayList<>();
        final List<ClaimRef> completed = new CopyOnWriteArrayList<>();
        final Duration pause;

        PausingRepository(Duration pause) {
            super(new InMemoryEventQueueRepository());
            this.pause = pause;
        }

        @Override
        public List<ClaimedEntry> claim(ClaimRequest request) {
            List<ClaimedEntry> claimed = super.claim(request);
            if (!claimed.isEmpty() && paused.compareAndSet(false, true)) {
                claimed.forEach(entry -> pausedClaims.add(entry.ref()));
                try {
                    Thread.sleep(pause.toMillis()); // the process is frozen here, as a stopped one would be
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return claimed;
        }

        @Override
        public int complete(Collection<ClaimRef> claims, Instant now) {
            completed.addAll(claims);
            return super.complete(claims, now);
        }
    }

    @Test
    void aBatchClaimedBeforeAPauseLongerThanTheLeaseIsNotStarted() {
        Duration lease = Duration.ofSeconds(1);
        PausingRepository repository = new PausingRepository(lease.multipliedBy(2));
        ScriptedHandler handler = ScriptedHandler.named("after-pause");
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().leaseDuration(lease).build())
                .repository(repository)
                .handler(handler)
                .build()) {
            List<TestEvent> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(TestEvent.of("Tick", i));
            }
            dispatcher.publishAll(events, null);
            dispatcher.start();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 5);
            assertThat(repository.pausedClaims).hasSize(5);
            assertThat(repository.completed)
                    .as("nothing claimed before the pause was completed under that claim")
                    .doesNotContainAnyElementsOf(repository.pausedClaims);
            assertThat(handler.calls("handle").stream()
                            .collect(Collectors.groupingBy(ScriptedHandler.Call::eventId, Collectors.counting())))
                    .as("each event ran once, after the pause")
                    .hasSize(5)
                    .allSatisfy((event, runs) -> assertThat(runs).isEqualTo(1));
            assertThat(handler.calls("handle").stream()
                            .map(ScriptedHandler.Call::eventId)
                            .collect(Collectors.toSet()))
                    .isEqualTo(events.stream().map(TestEvent::getEventId).collect(Collectors.toSet()));
            assertThat(handler.calls("handle"))
                    .extracting(ScriptedHandler.Call::attempt)
                    .as("the lapsed claim's attempt is given back, or counted as lost when recovery took it first")
                    .allSatisfy(attempt -> assertThat(attempt).isBetween(1, 2));
        }
    }
}
