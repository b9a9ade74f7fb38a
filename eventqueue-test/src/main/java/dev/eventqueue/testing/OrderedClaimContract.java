package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.util.List;
import java.util.Set;
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
}
