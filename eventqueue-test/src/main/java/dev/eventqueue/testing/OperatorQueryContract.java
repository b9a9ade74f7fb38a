package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.NodeHeartbeat;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.StoredEntry;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operators' part of the store contract: entries found by filter and page, one entry whole,
 * retries and deletes by filter, counts per handler, and the registry of running nodes. Part of
 * {@link EventQueueRepositoryContract}, so every store runs it.
 */
public abstract class OperatorQueryContract extends EnqueueAndClaimContract {

    /**
     * Seven entries: o-0..o-3 for HANDLER_1 (o-0 and o-1 failed, o-2 processing, o-3 pending),
     * o-4 and o-5 for HANDLER_2 (o-4 failed with a LIKE wildcard in its error, o-5 pending), one
     * seat for the background handler (pending). Created one second apart; failures at 20..22.
     */
    private List<NewQueueEntry> sevenEntries() {
        List<NewQueueEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(entry(order("o-" + i), i < 4 ? HANDLER_1 : HANDLER_2)
                    .maxAttempts(1)
                    .createdAt(at(i))
                    .headers(Map.of("trace", "t-" + i))
                    .build());
        }
        entries.add(entry(seat("12A"), BG_HANDLER).background().createdAt(at(6)).build());
        repository.enqueue(entries);
        List<ClaimedEntry> first = claim(at(10), 3, false, Set.of(HANDLER_1), OWNER_A);
        List<ClaimedEntry> second = claim(at(10), 1, false, Set.of(HANDLER_2), OWNER_A);
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(1);
        repository.fail(first.get(1).ref(), "Timeout calling PAYMENTS", at(20));
        repository.fail(first.get(0).ref(), "payments refused: card declined", at(21));
        repository.fail(second.get(0).ref(), "quota 100% used_up", at(22));
        return entries;
    }

    private List<UUID> ids(List<NewQueueEntry> entries, int... indexes) {
        List<UUID> ids = new ArrayList<>();
        for (int index : indexes) {
            ids.add(entries.get(index).id());
        }
        return ids;
    }

    private List<UUID> found(EntryFilter filter) {
        EntryPage page = repository.findEntries(filter, 0, 100);
        assertThat(page.total())
                .as("total of %s", filter)
                .isEqualTo(page.entries().size());
        assertThat(repository.countEntries(filter)).as("count of %s", filter).isEqualTo(page.total());
        assertThat(page.entries())
                .allSatisfy(entry -> assertThat(filter.matches(entry))
                        .as("%s matches %s", entry, filter)
                        .isTrue());
        return page.entries().stream().map(QueueEntry::id).toList();
    }

    @Test
    final void findEntriesAppliesEveryCriterionOldestCreatedFirst() {
        List<NewQueueEntry> e = sevenEntries();

        assertThat(found(EntryFilter.ALL)).containsExactlyElementsOf(ids(e, 0, 1, 2, 3, 4, 5, 6));
        assertThat(found(EntryFilter.builder().status(EntryStatus.FAILED).build()))
                .containsExactlyElementsOf(ids(e, 0, 1, 4));
        assertThat(found(EntryFilter.builder()
                        .status(EntryStatus.PENDING, EntryStatus.PROCESSING)
                        .build()))
                .containsExactlyElementsOf(ids(e, 2, 3, 5, 6));
        assertThat(found(EntryFilter.builder().handler(HANDLER_2, BG_HANDLER).build()))
                .containsExactlyElementsOf(ids(e, 4, 5, 6));
        assertThat(found(EntryFilter.builder()
                        .excludeHandlers(Set.of(HANDLER_1, HANDLER_2))
                        .build()))
                .containsExactlyElementsOf(ids(e, 6));
        assertThat(found(EntryFilter.builder().eventType(OrderPlacedEvent.TYPE).build()))
                .containsExactlyElementsOf(ids(e, 0, 1, 2, 3, 4, 5));
        assertThat(found(EntryFilter.builder()
                        .aggregateId(order("o-3").getAggregateId())
                        .build()))
                .containsExactlyElementsOf(ids(e, 3));
        assertThat(found(EntryFilter.builder().errorContains("PAYMENTS").build()))
                .as("error text, ignoring case")
                .containsExactlyElementsOf(ids(e, 0, 1));
        assertThat(found(EntryFilter.builder().errorContains("100% used_").build()))
                .as("wildcards are plain text")
                .containsExactlyElementsOf(ids(e, 4));
        assertThat(found(EntryFilter.builder().errorContains("0%").build())).containsExactlyElementsOf(ids(e, 4));
        assertThat(found(EntryFilter.builder().errorContains("ota_1").build())).isEmpty();
        assertThat(found(EntryFilter.builder()
                        .status(EntryStatus.FAILED)
                        .updatedFrom(at(21))
                        .updatedBefore(at(22))
                        .build()))
                .as("from inclusive, to exclusive, over the last change")
                .containsExactlyElementsOf(ids(e, 0));
        assertThat(found(EntryFilter.builder()
                        .status(EntryStatus.FAILED)
                        .handler(HANDLER_1)
                        .errorContains("declined")
                        .build()))
                .containsExactlyElementsOf(ids(e, 0));
    }

    @Test
    final void findEntriesPagesThroughTheMatches() {
        List<NewQueueEntry> e = sevenEntries();

        EntryPage first = repository.findEntries(EntryFilter.ALL, 0, 3);
        assertThat(first.entries()).extracting(QueueEntry::id).containsExactlyElementsOf(ids(e, 0, 1, 2));
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.hasMore()).isTrue();
        EntryPage second = repository.findEntries(EntryFilter.ALL, first.nextOffset(), 3);
        assertThat(second.entries()).extracting(QueueEntry::id).containsExactlyElementsOf(ids(e, 3, 4, 5));
        EntryPage last = repository.findEntries(EntryFilter.ALL, second.nextOffset(), 3);
        assertThat(last.entries()).extracting(QueueEntry::id).containsExactlyElementsOf(ids(e, 6));
        assertThat(last.hasMore()).isFalse();
        assertThat(repository.findEntries(EntryFilter.ALL, 10, 3).entries()).isEmpty();
        assertThatThrownBy(() -> repository.findEntries(EntryFilter.ALL, -1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> repository.findEntries(EntryFilter.ALL, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    final void findEntryShowsOneEntryWhole() {
        List<NewQueueEntry> e = sevenEntries();

        StoredEntry failed = repository.findEntry(e.get(1).id()).orElseThrow();
        assertThat(failed.entry().status()).isEqualTo(EntryStatus.FAILED);
        assertThat(failed.entry().attempts()).isEqualTo(1);
        assertThat(failed.entry().error()).isEqualTo("Timeout calling PAYMENTS");
        assertThat(failed.entry().handlerName()).isEqualTo(HANDLER_1);
        assertThat(failed.payload()).contains("o-1");
        assertThat(failed.headers()).containsEntry("trace", "t-1");
        assertThat(repository.findEntry(UUID.randomUUID())).isEmpty();
    }

    @Test
    final void retryByFilterGivesMatchingFailedEntriesTheirFullAttemptsAgain() {
        List<NewQueueEntry> e = sevenEntries();
        EntryFilter handler1 = EntryFilter.builder()
                .handler(HANDLER_1)
                .status(EntryStatus.PENDING, EntryStatus.FAILED)
                .build();

        List<QueueEntry> retried = repository.retryFailed(handler1, 1, at(30));
        assertThat(retried)
                .as("oldest failure first, within the limit")
                .extracting(QueueEntry::id)
                .containsExactlyElementsOf(ids(e, 1));
        retried = repository.retryFailed(handler1, 10, at(31));
        assertThat(retried)
                .as("failed entries only, whatever the filter allows")
                .extracting(QueueEntry::id)
                .containsExactlyElementsOf(ids(e, 0));
        assertThat(retried).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(entry.attempts()).isZero();
        });
        assertThat(repository.retryFailed(handler1, 10, at(32))).isEmpty();
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(5, 1, 0, 1));
        assertThat(repository.findFailed(10)).extracting(QueueEntry::id).containsExactlyElementsOf(ids(e, 4));
        List<ClaimedEntry> again = claim(at(33), 10, false, Set.of(HANDLER_1), OWNER_B);
        assertThat(again)
                .extracting(ClaimedEntry::id)
                .contains(e.get(0).id(), e.get(1).id());
        assertThat(again).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1));
    }

    @Test
    final void deleteByFilterDeletesMatchingEntriesButNeverProcessingOnes() {
        List<NewQueueEntry> e = sevenEntries();

        assertThatThrownBy(() -> repository.deleteEntries(EntryFilter.ALL, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processing");
        assertThatThrownBy(() -> repository.deleteEntries(
                        EntryFilter.builder()
                                .status(EntryStatus.FAILED, EntryStatus.PROCESSING)
                                .build(),
                        10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processing");
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(3, 1, 0, 3));

        EntryFilter failed = EntryFilter.builder().status(EntryStatus.FAILED).build();
        assertThat(repository.deleteEntries(failed, 2))
                .as("oldest change first, within the limit")
                .extracting(QueueEntry::id)
                .containsExactlyElementsOf(ids(e, 1, 0));
        EntryFilter orphans = EntryFilter.builder()
                .status(EntryStatus.PENDING)
                .excludeHandlers(Set.of(HANDLER_1, HANDLER_2))
                .build();
        assertThat(repository.deleteEntries(orphans, 10))
                .extracting(QueueEntry::id)
                .containsExactlyElementsOf(ids(e, 6));
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(2, 1, 0, 1));
        assertThat(repository.findByEventId(e.get(1).event().getEventId())).isEmpty();
        assertThat(repository.findEntry(e.get(6).id())).isEmpty();
        assertThat(claim(at(40), 10, true, ALL_HANDLERS, OWNER_A))
                .as("a deleted pending entry is never claimed")
                .isEmpty();
        assertThat(claim(at(40), 10, false, ALL_HANDLERS, OWNER_A))
                .extracting(ClaimedEntry::id)
                .containsExactlyInAnyOrderElementsOf(ids(e, 3, 5));
        assertThat(repository.deleteEntries(failed, 10))
                .extracting(QueueEntry::id)
                .containsExactlyElementsOf(ids(e, 4));
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 3, 0, 0));
    }

    @Test
    final void countByHandlerCountsOneStatus() {
        sevenEntries();

        assertThat(repository.countByHandler(EntryStatus.PENDING))
                .isEqualTo(Map.of(HANDLER_1, 1L, HANDLER_2, 1L, BG_HANDLER, 1L));
        assertThat(repository.countByHandler(EntryStatus.FAILED)).isEqualTo(Map.of(HANDLER_1, 2L, HANDLER_2, 1L));
        assertThat(repository.countByHandler(EntryStatus.COMPLETED)).isEmpty();
    }

    @Test
    final void nodesCountAsRunningUntilTheirHeartbeatLapses() {
        assertThat(repository.nodesAliveAt(at(0))).isEmpty();
        repository.recordHeartbeat(new NodeHeartbeat(OWNER_A, Set.of(HANDLER_1), at(0), at(30)));
        repository.recordHeartbeat(new NodeHeartbeat(OWNER_B, Set.of(HANDLER_2, BG_HANDLER), at(0), at(10)));
        repository.recordHeartbeat(new NodeHeartbeat(OWNER_A, Set.of(HANDLER_1, HANDLER_2), at(5), at(35)));

        assertThat(repository.nodesAliveAt(at(10)))
                .containsExactly(
                        new NodeHeartbeat(OWNER_A, Set.of(HANDLER_1, HANDLER_2), at(5), at(35)),
                        new NodeHeartbeat(OWNER_B, Set.of(HANDLER_2, BG_HANDLER), at(0), at(10)));
        assertThat(repository.nodesAliveAt(at(11)))
                .as("a node that stopped announcing itself")
                .extracting(NodeHeartbeat::owner)
                .containsExactly(OWNER_A);
        repository.removeNode(OWNER_A);
        assertThat(repository.nodesAliveAt(at(0)))
                .extracting(NodeHeartbeat::owner)
                .containsExactly(OWNER_B);
    }
}
