package dev.eventqueue.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A store built with {@code keepCompletedEntries(false)} on one server: a completion deletes the
 * keys it names, only while its claim still holds them; every node's copy of the bucket forgets
 * them, so a node's memory holds unfinished work only; publishing the event again enqueues it again.
 */
class SingleServerDeletingCompletedEntriesTest extends NatsStoreTestSupport {

    @Override
    protected TestStores startStores() {
        return TestStores.singleServerDeletingCompleted();
    }

    @Test
    void aCompletionDeletesTheEntriesItNamesOnEveryNode() throws Exception {
        OrderPlacedEvent first = order("o-1");
        OrderPlacedEvent second = order("o-2");
        OrderPlacedEvent third = order("o-3");
        repository.enqueue(List.of(
                entry(first, HANDLER_1).build(),
                entry(second, HANDLER_1).createdAt(at(1)).build(),
                entry(third, HANDLER_1).createdAt(at(2)).build()));
        List<ClaimedEntry> claimed = claim(at(3), 3, false, ALL_HANDLERS, OWNER_A);
        assertThat(claimed).hasSize(3);

        try (NatsEventQueueRepository otherNode = stores.secondNode()) {
            int completed = repository.complete(
                    List.of(claimed.get(0).ref(), claimed.get(1).ref()), at(4));

            assertThat(completed).isEqualTo(2);
            assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 1, 0, 0));
            assertThat(repository.findByEventId(first.getEventId())).isEmpty();
            assertThat(repository.findEntry(claimed.get(0).id())).isEmpty();
            assertThat(repository.findByEventId(third.getEventId()))
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.status()).isEqualTo(EntryStatus.PROCESSING));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(otherNode.countByStatus()).isEqualTo(new QueueCounts(0, 1, 0, 0)));
            assertThat(otherNode.findByEventId(second.getEventId())).isEmpty();
        }
    }

    @Test
    void aStaleClaimDeletesNothing() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build()));
        ClaimRef stale = claim(at(1), 1, false, ALL_HANDLERS, OWNER_A).get(0).ref();
        Instant afterLease = at(1).plus(Duration.ofMinutes(10));
        assertThat(repository.releaseExpiredLeases(afterLease)).hasSize(1);
        ClaimRef current =
                claim(afterLease, 1, false, ALL_HANDLERS, OWNER_B).get(0).ref();

        assertThat(repository.complete(List.of(stale), afterLease)).isZero();
        assertThat(repository.findByEventId(event.getEventId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(EntryStatus.PROCESSING));

        assertThat(repository.complete(List.of(current), afterLease)).isEqualTo(1);
        assertThat(repository.findByEventId(event.getEventId())).isEmpty();
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, 0, 0));
    }

    @Test
    void publishingAgainAfterTheEntryCompletedEnqueuesItAgain() {
        OrderPlacedEvent event = order("o-1");
        assertThat(repository.enqueue(List.of(entry(event, HANDLER_1).build()))).isEqualTo(1);
        assertThat(repository.enqueue(List.of(entry(event, HANDLER_1).build())))
                .as("a repeated publish while the entry exists")
                .isZero();
        repository.complete(refs(claim(at(1), 1, false, ALL_HANDLERS, OWNER_A)), at(2));

        assertThat(repository.enqueue(
                        List.of(entry(event, HANDLER_1).createdAt(at(3)).build())))
                .as("the key's delete marker does not count as an entry")
                .isEqualTo(1);
        assertThat(repository.findByEventId(event.getEventId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(EntryStatus.PENDING));
    }
}
