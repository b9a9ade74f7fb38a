package dev.eventqueue.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.testing.EventQueueRepositoryContract;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The repository contract, run against the in-memory store, and what only this store promises. */
class InMemoryEventQueueRepositoryTest extends EventQueueRepositoryContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new InMemoryEventQueueRepository();
    }

    @Test
    void theEntriesOfOneEventCompleteInAnyOrderAndItsRepublishEnqueuesNothing() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        List<ClaimedEntry> claimed = claimAll(at(1), OWNER_A);
        ClaimedEntry first = claimed.stream()
                .filter(e -> e.handlerName().equals(HANDLER_1))
                .findFirst()
                .orElseThrow();
        ClaimedEntry second = claimed.stream()
                .filter(e -> e.handlerName().equals(HANDLER_2))
                .findFirst()
                .orElseThrow();

        // The later entry of the event first: the earlier one stays, found by the event.
        assertThat(repository.complete(List.of(second.ref()), at(2))).isEqualTo(1);
        assertThat(repository.findByEventId(event.getEventId()))
                .extracting(QueueEntry::handlerName)
                .containsExactly(HANDLER_1);
        assertThat(repository.complete(List.of(first.ref()), at(3))).isEqualTo(1);

        assertThat(repository.findByEventId(event.getEventId())).isEmpty();
        assertThat(repository.countByStatus().completed()).isEqualTo(2);
        assertThat(repository.enqueue(List.of(
                        entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build())))
                .isZero();
    }

    @Test
    void afterOneHandlerCompletedARepublishAddsNothingForItAndNothingTwiceForTheOther() {
        OrderPlacedEvent event = order("o-2");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        ClaimedEntry first = claim(at(1), 1, false, Set.of(HANDLER_1), OWNER_A).get(0);

        assertThat(repository.complete(List.of(first.ref()), at(2))).isEqualTo(1);

        assertThat(repository.enqueue(List.of(
                        entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build())))
                .isZero();
        assertThat(repository.findByEventId(event.getEventId()))
                .extracting(QueueEntry::handlerName, QueueEntry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HANDLER_2, EntryStatus.PENDING));
        ClaimedEntry other = claimAll(at(3), OWNER_A).get(0);
        assertThat(repository.complete(List.of(other.ref()), at(4))).isEqualTo(1);
        assertThat(repository.findByEventId(event.getEventId())).isEmpty();
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, 2, 0));
    }

    @Test
    void anEventWhoseThreeEntriesCompletedIsRememberedForEachOfItsHandlers() {
        OrderPlacedEvent event = order("o-3");
        List<NewQueueEntry> entries = List.of(
                entry(event, HANDLER_1).build(),
                entry(event, HANDLER_2).build(),
                entry(event, BG_HANDLER).background().build());
        repository.enqueue(entries);
        List<ClaimedEntry> claimed = new java.util.ArrayList<>(claimAll(at(1), OWNER_A));
        claimed.addAll(claim(at(1), 10, true, ALL_HANDLERS, OWNER_A));
        assertThat(claimed).hasSize(3);
        for (ClaimedEntry done : claimed) {
            assertThat(repository.complete(List.of(done.ref()), at(2))).isEqualTo(1);
        }

        for (NewQueueEntry again : List.of(
                entry(event, HANDLER_1).build(),
                entry(event, HANDLER_2).build(),
                entry(event, BG_HANDLER).background().build())) {
            assertThat(repository.enqueue(List.of(again)))
                    .as("republished entry for %s", again.handlerName())
                    .isZero();
        }
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, 3, 0));
    }
}
