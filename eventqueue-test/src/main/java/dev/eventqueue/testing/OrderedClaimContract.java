package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Claims of entries with an ordering key: the entries of one handler and key start one at a time,
 * in enqueue order; a failed one holds back the later ones until it is retried, unless parked.
 * Part of {@link EventQueueRepositoryContract}; subclass that, not this class.
 */
public abstract class OrderedClaimContract extends RepositoryContractSupport {

    private static final Set<String> HANDLER_1_ONLY = Set.of(HANDLER_1);

    /** Enqueues one HANDLER_1 entry per order, key {@code key}, created {@code second} seconds after BASE. */
    private OrderPlacedEvent enqueueKeyed(String orderId, String key, long second) {
        OrderPlacedEvent event = order(orderId);
        repository.enqueue(List.of(entry(event, HANDLER_1)
                .orderingKey(key)
                .maxAttempts(3)
                .createdAt(at(second))
                .build()));
        return event;
    }

    private List<String> claimedOrders(List<ClaimedEntry> claimed) {
        return claimed.stream()
                .map(entry -> ((OrderPlacedEvent) entry.event()).orderId())
                .toList();
    }

    @Test
    final void onlyTheFirstUnfinishedEntryOfAKeyIsClaimedAndTheNextFollowsItsCompletion() {
        enqueueKeyed("a1", "A", 0);
        enqueueKeyed("a2", "A", 1);
        enqueueKeyed("b1", "B", 2);
        enqueueKeyed("a3", "A", 3);
        repository.enqueue(
                List.of(entry(order("free"), HANDLER_1).createdAt(at(4)).build()));

        List<ClaimedEntry> first = claim(at(10), 100, false, HANDLER_1_ONLY, OWNER_A);
        assertThat(claimedOrders(first)).containsExactly("a1", "b1", "free");
        assertThat(claim(at(10), 100, false, HANDLER_1_ONLY, OWNER_B))
                .as("a2 waits while a1 runs")
                .isEmpty();

        assertThat(repository.complete(refs(first), at(11))).isEqualTo(3);
        List<ClaimedEntry> second = claim(at(12), 100, false, HANDLER_1_ONLY, OWNER_B);
        assertThat(claimedOrders(second)).containsExactly("a2");
        assertThat(repository.complete(refs(second), at(13))).isEqualTo(1);
        assertThat(claimedOrders(claim(at(14), 100, false, HANDLER_1_ONLY, OWNER_A)))
                .containsExactly("a3");
    }

    @Test
    final void keysAreSeparatePerHandler() {
        OrderPlacedEvent event = order("shared");
        repository.enqueue(List.of(
                entry(event, HANDLER_1).orderingKey("K").createdAt(at(0)).build(),
                entry(event, HANDLER_2).orderingKey("K").createdAt(at(0)).build()));
        assertThat(claim(at(1), 10, false, ALL_HANDLERS, OWNER_A)).hasSize(2);
    }

    @Test
    final void anEntryWaitingForItsRetryHoldsBackItsKeyOnly() {
        enqueueKeyed("a1", "A", 0);
        enqueueKeyed("a2", "A", 1);
        enqueueKeyed("b1", "B", 2);
        ClaimedEntry a1 = claim(at(10), 1, false, HANDLER_1_ONLY, OWNER_A).get(0);
        assertThat(repository.reschedule(a1.ref(), at(100), "boom", at(11))).isTrue();

        assertThat(claimedOrders(claim(at(20), 100, false, HANDLER_1_ONLY, OWNER_A)))
                .containsExactly("b1");
        assertThat(claimedOrders(claim(at(100), 100, false, HANDLER_1_ONLY, OWNER_A)))
                .as("the retry runs first, a2 still waits")
                .containsExactly("a1");
    }

    @Test
    final void aFailedEntryBlocksItsKeyUntilRetriedAndCountsAsBlocked() {
        OrderPlacedEvent a1 = enqueueKeyed("a1", "A", 0);
        enqueueKeyed("a2", "A", 1);
        ClaimedEntry claimed = claim(at(10), 10, false, HANDLER_1_ONLY, OWNER_A).get(0);
        assertThat(repository.countBlockedOrderingKeys()).isZero();
        assertThat(repository.fail(claimed.ref(), "boom", at(11))).isTrue();

        assertThat(repository.countBlockedOrderingKeys()).isEqualTo(1);
        assertThat(claim(at(12), 10, false, HANDLER_1_ONLY, OWNER_A)).isEmpty();

        assertThat(repository.retryFailed(10, at(13))).hasSize(1);
        assertThat(repository.countBlockedOrderingKeys()).isZero();
        List<ClaimedEntry> again = claim(at(14), 10, false, HANDLER_1_ONLY, OWNER_A);
        assertThat(claimedOrders(again)).as("the retried entry runs first").containsExactly("a1");
        assertThat(again.get(0).eventId()).isEqualTo(a1.getEventId());
    }

    @Test
    final void aParkedEntryStaysFailedAndLetsItsKeyGoOn() {
        OrderPlacedEvent a1 = enqueueKeyed("a1", "A", 0);
        enqueueKeyed("a2", "A", 1);
        ClaimedEntry claimed = claim(at(10), 10, false, HANDLER_1_ONLY, OWNER_A).get(0);
        assertThat(repository.park(claimed.ref(), "boom", at(11))).isTrue();

        assertThat(stored(a1).status()).isEqualTo(EntryStatus.FAILED);
        assertThat(stored(a1).error()).isEqualTo("boom");
        assertThat(repository.countBlockedOrderingKeys()).isZero();
        assertThat(claimedOrders(claim(at(12), 10, false, HANDLER_1_ONLY, OWNER_A)))
                .containsExactly("a2");
    }

    @Test
    final void parkIsFencedByTheClaim() {
        OrderPlacedEvent a1 = enqueueKeyed("a1", "A", 0);
        ClaimedEntry claimed = claim(at(10), 10, false, HANDLER_1_ONLY, OWNER_A).get(0);
        assertThat(repository.releaseExpiredLeases(at(100))).hasSize(1);
        assertThat(repository.park(claimed.ref(), "late", at(101))).isFalse();
        assertThat(stored(a1).status()).isEqualTo(EntryStatus.PENDING);
    }

    @Test
    final void aRunningEntryWhoseLeaseIsRecoveredStillRunsBeforeTheNext() {
        enqueueKeyed("a1", "A", 0);
        enqueueKeyed("a2", "A", 1);
        claim(at(10), 10, false, HANDLER_1_ONLY, OWNER_A);
        assertThat(repository.releaseExpiredLeases(at(100))).hasSize(1);
        assertThat(claimedOrders(claim(at(101), 10, false, HANDLER_1_ONLY, OWNER_B)))
                .containsExactly("a1");
    }

    /**
     * The order holds when the entries of a key are committed while claims run: each step of a key
     * is its own enqueue, right after the one before, so a claim that reads a later step must also
     * see the earlier one unfinished. Claimers complete at once what they claim. Keys held back
     * behind running entries come first in claim order, so that every claim reads past them and
     * runs long enough for several enqueues to commit meanwhile.
     */
    @Test
    final void stepsPublishedWhileClaimsRunStillStartInKeyOrder() throws Exception {
        int keys = 150;
        int steps = 4;
        int claimers = 3;
        Set<String> finished = ConcurrentHashMap.newKeySet();
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger completed = new AtomicInteger();
        List<NewQueueEntry> heldBack = new ArrayList<>();
        for (int key = 0; key < 100; key++) {
            for (int step = 1; step <= 20; step++) {
                heldBack.add(entry(order("held-" + key + "#" + step), HANDLER_1)
                        .orderingKey("held-" + key)
                        .createdAt(at(key * 20L + step))
                        .build());
            }
        }
        repository.enqueue(heldBack);
        assertThat(claim(at(10_000), 1000, false, HANDLER_1_ONLY, OWNER_A))
                .as("the first entry of each held-back key, left running")
                .hasSize(100);
        ExecutorService pool = Executors.newFixedThreadPool(claimers + 1);
        try {
            Future<?> publisher = pool.submit(() -> {
                long second = 10_000;
                for (int key = 0; key < keys; key++) {
                    for (int step = 1; step <= steps; step++) {
                        enqueueKeyed(key + "#" + step, "K" + key, second++);
                    }
                }
            });
            List<Future<?>> claiming = new ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                String owner = "claimer-" + c;
                claiming.add(pool.submit(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (completed.get() < keys * steps && System.nanoTime() < deadline) {
                        List<ClaimedEntry> batch = claim(at(1_000_000), 20, false, HANDLER_1_ONLY, owner);
                        for (String label : claimedOrders(batch)) {
                            int step = Integer.parseInt(label.substring(label.indexOf('#') + 1));
                            String previous = label.substring(0, label.indexOf('#') + 1) + (step - 1);
                            if (step > 1 && !finished.contains(previous)) {
                                violations.add(label + " claimed before " + previous + " finished");
                            }
                        }
                        finished.addAll(claimedOrders(batch));
                        if (!batch.isEmpty()) {
                            completed.addAndGet(repository.complete(refs(batch), at(1_000_001)));
                        }
                    }
                }));
            }
            publisher.get(120, TimeUnit.SECONDS);
            for (Future<?> claimer : claiming) {
                claimer.get(150, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(completed).hasValue(keys * steps);
    }
}
