package dev.eventqueue.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The store's batch writes (a publish of many entries, a claim of many, completions of many are
 * each sent to the server at once) on one server: nothing claimed twice by nodes racing for the
 * same entries, per-key order within one publish, and duplicates and re-enqueues after cleanup
 * inside one batch.
 */
class SingleServerBatchWriteTest extends NatsStoreTestSupport {

    @Override
    protected TestStores startStores() {
        return TestStores.singleServer();
    }

    @Test
    void nodesClaimingTheSameEntriesAtOnceNeverGetOneTwice() throws Exception {
        int count = 400;
        List<NewQueueEntry> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(entry(order("o-" + i), HANDLER_1).createdAt(at(i % 7)).build());
        }
        assertThat(repository.enqueue(batch)).isEqualTo(count);

        try (NatsEventQueueRepository second = stores.secondNode()) {
            List<EventQueueRepository> nodes = List.of(repository, repository, second, second);
            List<String> owners = List.of(OWNER_A, OWNER_A, OWNER_B, OWNER_B);
            Set<UUID> claimedIds = ConcurrentHashMap.newKeySet();
            List<UUID> duplicates = new CopyOnWriteArrayList<>();
            AtomicInteger claimed = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < nodes.size(); t++) {
                    EventQueueRepository node = nodes.get(t);
                    String owner = owners.get(t);
                    running.add(threads.submit(() -> {
                        while (claimed.get() < count && System.nanoTime() < deadline) {
                            List<ClaimedEntry> got = node.claim(
                                    new ClaimRequest(at(10), 50, Loop.of(false), Set.of(HANDLER_1), owner, at(600)));
                            for (ClaimedEntry c : got) {
                                if (!claimedIds.add(c.id())) {
                                    duplicates.add(c.id());
                                }
                            }
                            claimed.addAndGet(got.size());
                            List<ClaimRef> refs =
                                    got.stream().map(ClaimedEntry::ref).toList();
                            completed.addAndGet(node.complete(refs, at(11)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(90, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            assertThat(duplicates).as("entries claimed twice").isEmpty();
            assertThat(claimedIds).hasSize(count);
            assertThat(claimed.get()).isEqualTo(count);
            assertThat(completed.get()).as("completions written").isEqualTo(count);
            assertThat(repository.claim(
                            new ClaimRequest(at(20), 50, Loop.of(false), Set.of(HANDLER_1), OWNER_A, at(600))))
                    .isEmpty();
        }
    }

    @Test
    void theEntriesOfOneKeyPublishedTogetherStartInTheirOrder() {
        List<NewQueueEntry> batch = new ArrayList<>();
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            OrderPlacedEvent event = order("o-" + i);
            expected.add(event.getEventId());
            // Entries of other keys in between, and all with the same creation time.
            batch.add(entry(event, HANDLER_1).orderingKey("cart-1").build());
            batch.add(entry(order("other-" + i), HANDLER_1)
                    .orderingKey("cart-" + (i + 2))
                    .build());
        }
        assertThat(repository.enqueue(batch)).isEqualTo(60);

        List<UUID> started = new ArrayList<>();
        Instant now = at(1);
        for (int step = 0; step < 30; step++) {
            List<ClaimedEntry> got = claim(now, 100, false, Set.of(HANDLER_1), OWNER_A);
            List<ClaimedEntry> ofCart =
                    got.stream().filter(c -> expected.contains(c.eventId())).toList();
            assertThat(ofCart).as("entries of cart-1 started at step %d", step).hasSize(1);
            started.add(ofCart.get(0).eventId());
            assertThat(repository.complete(refs(got), now)).isEqualTo(got.size());
        }
        assertThat(started).isEqualTo(expected);
    }

    @Test
    void aDuplicateInABatchIsSkippedAndAPairCleanedUpIsEnqueuedAgain() {
        OrderPlacedEvent kept = order("kept");
        OrderPlacedEvent cleaned = order("cleaned");
        assertThat(repository.enqueue(List.of(
                        entry(kept, HANDLER_1).build(),
                        entry(cleaned, HANDLER_1).build())))
                .isEqualTo(2);
        List<ClaimedEntry> first = claim(at(1), 10, false, Set.of(HANDLER_1), OWNER_A);
        ClaimedEntry ofCleaned = first.stream()
                .filter(c -> c.eventId().equals(cleaned.getEventId()))
                .findFirst()
                .orElseThrow();
        assertThat(repository.complete(List.of(ofCleaned.ref()), at(2))).isEqualTo(1);
        assertThat(repository.deleteCompletedBefore(at(3), 10)).hasSize(1);

        // One batch: the kept pair again (refused by its key), the cleaned pair again (its key
        // ends in a delete marker, so it is created again), and a new one.
        OrderPlacedEvent fresh = order("fresh");
        assertThat(repository.enqueue(List.of(
                        entry(kept, HANDLER_1).build(),
                        entry(cleaned, HANDLER_1).build(),
                        entry(fresh, HANDLER_1).build())))
                .isEqualTo(2);
        assertThat(repository.findByEventId(kept.getEventId())).hasSize(1);
        assertThat(stored(cleaned)).isNotNull();
        assertThat(stored(fresh)).isNotNull();
        assertThat(repository.enqueue(List.of(entry(cleaned, HANDLER_1).build())))
                .as("a second publish of the enqueued-again pair")
                .isZero();
    }
}
