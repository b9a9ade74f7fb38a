package dev.eventqueue.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Completed entries kept until cleanup (the default) on one server: they stay in the bucket, but
 * no node's copy holds them; every node counts them, and lookups, listings and cleanup read them
 * from the server.
 */
class SingleServerCompletedEntriesTest extends NatsStoreTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    protected TestStores startStores() {
        return TestStores.singleServer();
    }

    private NatsEventQueueRepository store() {
        return (NatsEventQueueRepository) repository;
    }

    /** Publishes one event per order id for both handlers and completes every entry of the first {@code done}. */
    private List<OrderPlacedEvent> publishAndComplete(int events, int done) {
        List<OrderPlacedEvent> published = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            OrderPlacedEvent event = order("o-" + i);
            published.add(event);
            repository.enqueue(List.of(
                    entry(event, HANDLER_1).createdAt(at(i)).build(),
                    entry(event, HANDLER_2).createdAt(at(i)).build()));
        }
        List<ClaimedEntry> claimed = claim(at(events), 2 * events, false, ALL_HANDLERS, OWNER_A);
        for (int i = 0; i < done; i++) {
            // One completion at a time, a second apart: cleanup reads them back oldest first.
            for (ClaimedEntry c : claimed) {
                if (c.eventId().equals(published.get(i).getEventId())) {
                    repository.complete(List.of(c.ref()), at(100 + i));
                }
            }
        }
        return published;
    }

    private static ClaimRef refOf(List<ClaimedEntry> claimed, OrderPlacedEvent event) {
        return claimed.stream()
                .filter(c -> c.eventId().equals(event.getEventId()))
                .findFirst()
                .orElseThrow()
                .ref();
    }

    @Test
    void aCompletedEntryLeavesTheNodesCopyAndIsCountedAndFoundOnTheServer() {
        List<OrderPlacedEvent> events = publishAndComplete(3, 2);

        assertThat(store().entriesHeld()).as("the unfinished entries only").isEqualTo(2);
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 2, 4, 0));
        assertThat(repository.countByHandler(EntryStatus.COMPLETED)).isEqualTo(Map.of(HANDLER_1, 2L, HANDLER_2, 2L));
        List<QueueEntry> first = repository.findByEventId(events.get(0).getEventId());
        assertThat(first).hasSize(2).allSatisfy(e -> assertThat(e.status()).isEqualTo(EntryStatus.COMPLETED));
        assertThat(repository.findEntry(first.get(0).id())).hasValueSatisfying(stored -> {
            assertThat(stored.entry().status()).isEqualTo(EntryStatus.COMPLETED);
            assertThat(stored.payload()).contains("o-0");
        });
        EntryFilter completed =
                EntryFilter.builder().status(EntryStatus.COMPLETED).build();
        assertThat(repository.countEntries(completed)).isEqualTo(4);
        assertThat(repository.countEntries(EntryFilter.ALL)).isEqualTo(6);
        assertThat(repository.countEntries(EntryFilter.builder()
                        .status(EntryStatus.COMPLETED, EntryStatus.PROCESSING)
                        .handler(HANDLER_1)
                        .build()))
                .isEqualTo(3);
        assertThat(repository.countEntries(
                        completed.toBuilder().updatedBefore(at(101)).build()))
                .as("read from the server")
                .isEqualTo(2);
        assertThat(repository.findEntries(completed, 1, 2).entries())
                .extracting(QueueEntry::eventId)
                .containsExactly(events.get(0).getEventId(), events.get(1).getEventId());
        assertThat(repository.findEntries(EntryFilter.builder().build(), 0, 10).total())
                .isEqualTo(6);
    }

    @Test
    void everyNodeCountsCompletionsAndTheirCleanup() {
        try (NatsEventQueueRepository otherNode = stores.secondNode()) {
            publishAndComplete(3, 3);
            Awaitility.await()
                    .atMost(WAIT)
                    .untilAsserted(() -> assertThat(otherNode.countByStatus()).isEqualTo(new QueueCounts(0, 0, 6, 0)));
            assertThat(otherNode.entriesHeld()).isZero();

            List<QueueEntry> deleted = otherNode.deleteCompletedBefore(at(102), 10);

            assertThat(deleted).hasSize(4).extracting(QueueEntry::createdAt).containsOnly(at(0), at(1));
            for (EventQueueRepository node : List.of(repository, otherNode)) {
                Awaitility.await()
                        .atMost(WAIT)
                        .untilAsserted(() -> assertThat(node.countByStatus()).isEqualTo(new QueueCounts(0, 0, 2, 0)));
                assertThat(node.countByHandler(EntryStatus.COMPLETED)).isEqualTo(Map.of(HANDLER_1, 1L, HANDLER_2, 1L));
            }
        }
    }

    @Test
    void cleanupInBatchesTakesTheOldestCompletionsFirst() {
        publishAndComplete(4, 4);

        List<QueueEntry> firstBatch = repository.deleteCompletedBefore(at(1000), 3);
        List<QueueEntry> secondBatch = repository.deleteCompletedBefore(at(1000), 3);

        assertThat(firstBatch).extracting(QueueEntry::updatedAt).containsExactly(at(100), at(100), at(101));
        assertThat(secondBatch).extracting(QueueEntry::updatedAt).containsExactly(at(101), at(102), at(102));
        assertThat(repository.deleteCompletedBefore(at(1000), 3)).hasSize(2);
        assertThat(repository.deleteCompletedBefore(at(1000), 3)).isEmpty();
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, 0, 0)));
    }

    @Test
    void aNodeStartedLaterCountsTheCompletedEntriesStillInTheBucket() {
        publishAndComplete(3, 3);
        assertThat(repository.deleteCompletedBefore(at(101), 10)).hasSize(2);

        try (NatsEventQueueRepository laterNode = stores.secondNode()) {
            assertThat(laterNode.countByStatus()).isEqualTo(new QueueCounts(0, 0, 4, 0));
            assertThat(laterNode.entriesHeld()).isZero();
        }
    }

    @Test
    void anOperatorDeleteOfCompletedEntriesLowersTheCount() {
        List<OrderPlacedEvent> events = publishAndComplete(2, 2);

        List<QueueEntry> deleted = repository.deleteEntries(
                EntryFilter.builder()
                        .status(EntryStatus.COMPLETED)
                        .handler(HANDLER_1)
                        .build(),
                10);

        assertThat(deleted)
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.handlerName()).isEqualTo(HANDLER_1));
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(repository.countByHandler(EntryStatus.COMPLETED))
                        .isEqualTo(Map.of(HANDLER_2, 2L)));
        assertThat(repository.findByEventId(events.get(0).getEventId()))
                .singleElement()
                .satisfies(e -> assertThat(e.handlerName()).isEqualTo(HANDLER_2));
    }

    @Test
    void cleanupStopsReadingAtCompletionsWellPastTheCutoff() {
        OrderPlacedEvent early = order("o-early");
        OrderPlacedEvent late = order("o-late");
        repository.enqueue(
                List.of(entry(early, HANDLER_1).build(), entry(late, HANDLER_1).build()));
        List<ClaimedEntry> claimed = claim(at(1), 2, false, ALL_HANDLERS, OWNER_A);
        Instant farPast =
                at(10).plus(NatsEventQueueRepository.CLEANUP_READ_MARGIN).plusSeconds(1);
        // Written first, yet completed later than the cutoff plus the margin; then one older than the cutoff.
        repository.complete(List.of(refOf(claimed, early)), farPast);
        repository.complete(List.of(refOf(claimed, late)), at(2));

        assertThat(repository.deleteCompletedBefore(at(10), 10))
                .as("the read ends at the first completion past the margin")
                .isEmpty();
        assertThat(repository.deleteCompletedBefore(farPast.plusSeconds(1), 10))
                .extracting(QueueEntry::eventId)
                .containsExactlyInAnyOrder(early.getEventId(), late.getEventId());
    }
}
