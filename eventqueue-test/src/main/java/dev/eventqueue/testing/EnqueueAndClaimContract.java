package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The enqueue and claim half of the repository contract; {@link EventQueueRepositoryContract} adds
 * the rest. Subclass {@link EventQueueRepositoryContract}, not this class.
 */
public abstract class EnqueueAndClaimContract extends OrderedClaimContract {

    // ---------------------------------------------------------------- enqueue

    @Test
    final void enqueueStoresPendingEntriesWithZeroAttemptsAndTheirSettings() {
        OrderPlacedEvent event = order("o-1");
        int inserted = repository.enqueue(List.of(
                entry(event, HANDLER_1)
                        .priority(7)
                        .maxAttempts(4)
                        .credentials(MANAGER)
                        .createdAt(at(5))
                        .build(),
                entry(event, BG_HANDLER)
                        .background()
                        .priority(200)
                        .maxAttempts(1)
                        .createdAt(at(6))
                        .build()));

        assertThat(inserted).isEqualTo(2);
        List<QueueEntry> stored = repository.findByEventId(event.getEventId());
        assertThat(stored).hasSize(2);
        QueueEntry first = stored.get(0);
        assertThat(first.handlerName()).isEqualTo(HANDLER_1);
        assertThat(first.eventId()).isEqualTo(event.getEventId());
        assertThat(first.eventType()).isEqualTo(OrderPlacedEvent.TYPE);
        assertThat(first.aggregateId()).isEqualTo("o-1");
        assertThat(first.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(first.attempts()).isZero();
        assertThat(first.maxAttempts()).isEqualTo(4);
        assertThat(first.priority()).isEqualTo(7);
        assertThat(first.background()).isFalse();
        assertThat(first.createdAt()).isEqualTo(at(5));
        assertThat(first.nextRetryAt()).isNull();
        assertThat(first.error()).isNull();
        assertThat(first.owner()).isNull();
        assertThat(first.leaseExpiresAt()).isNull();
        assertThat(first.credentialsUserId()).isEqualTo("user-42");
        assertThat(first.credentialsRole()).isEqualTo("MANAGER");
        QueueEntry second = stored.get(1);
        assertThat(second.handlerName()).isEqualTo(BG_HANDLER);
        assertThat(second.background()).isTrue();
        assertThat(second.priority()).isEqualTo(200);
        assertThat(second.maxAttempts()).isEqualTo(1);
        assertThat(second.credentialsUserId()).isNull();
        assertThat(second.credentialsRole()).isNull();
    }

    @Test
    final void enqueueOfNothingInsertsNothing() {
        assertThat(repository.enqueue(List.of())).isZero();
        assertThat(repository.countByStatus().total()).isZero();
    }

    @Test
    final void enqueueSkipsAnEventHandlerPairThatAlreadyExists() {
        OrderPlacedEvent event = order("o-1");
        assertThat(repository.enqueue(List.of(entry(event, HANDLER_1).build()))).isEqualTo(1);
        claimAll(at(1), OWNER_A);

        // A second publish of the same event: a new entry id, same (eventId, handlerName).
        int again = repository.enqueue(List.of(
                entry(event, HANDLER_1).createdAt(at(2)).build(),
                entry(event, HANDLER_2).createdAt(at(2)).build()));

        assertThat(again).as("only the new handler's entry is inserted").isEqualTo(1);
        List<QueueEntry> stored = repository.findByEventId(event.getEventId());
        assertThat(stored).extracting(QueueEntry::handlerName).containsExactlyInAnyOrder(HANDLER_1, HANDLER_2);
        assertThat(stored)
                .filteredOn(e -> e.handlerName().equals(HANDLER_1))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.status()).as("existing entry untouched").isEqualTo(EntryStatus.PROCESSING));
    }

    @Test
    final void enqueueSkipsDuplicatePairsWithinOneBatch() {
        OrderPlacedEvent event = order("o-1");
        int inserted = repository.enqueue(
                List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_1).build()));

        assertThat(inserted).isEqualTo(1);
        assertThat(repository.findByEventId(event.getEventId())).hasSize(1);
    }

    // ---------------------------------------------------------------- claim

    @Test
    final void claimReturnsLowestPriorityNumberFirstThenOldest() {
        List<NewQueueEntry> entries = new ArrayList<>(List.of(
                entry(order("p50-new"), HANDLER_1)
                        .priority(50)
                        .createdAt(at(30))
                        .build(),
                entry(order("p10-new"), HANDLER_2)
                        .priority(10)
                        .createdAt(at(20))
                        .build(),
                entry(order("p50-old"), HANDLER_2).priority(50).createdAt(at(1)).build(),
                entry(order("p100"), HANDLER_1).priority(100).createdAt(at(0)).build(),
                entry(order("p10-old"), HANDLER_1)
                        .priority(10)
                        .createdAt(at(10))
                        .build()));
        Collections.shuffle(entries, new Random(7));
        for (NewQueueEntry entry : entries) {
            repository.enqueue(List.of(entry)); // insertion order must not matter
        }

        List<ClaimedEntry> claimed = claim(at(60), 10, false, ALL_HANDLERS, OWNER_A);

        assertThat(claimed)
                .extracting(c -> c.event().getAggregateId())
                .containsExactly("p10-old", "p10-new", "p50-old", "p50-new", "p100");
    }

    @Test
    final void claimTakesAtMostLimitAndLeavesTheRestPending() {
        for (int i = 0; i < 5; i++) {
            repository.enqueue(
                    List.of(entry(order("o-" + i), HANDLER_1).createdAt(at(i)).build()));
        }

        List<ClaimedEntry> first = claim(at(10), 3, false, ALL_HANDLERS, OWNER_A);
        List<ClaimedEntry> second = claim(at(10), 3, false, ALL_HANDLERS, OWNER_A);
        List<ClaimedEntry> third = claim(at(10), 3, false, ALL_HANDLERS, OWNER_A);

        assertThat(first).extracting(c -> c.event().getAggregateId()).containsExactly("o-0", "o-1", "o-2");
        assertThat(second).extracting(c -> c.event().getAggregateId()).containsExactly("o-3", "o-4");
        assertThat(third).isEmpty();
    }

    @Test
    final void claimSkipsEntriesWhoseRetryIsNotDueYet() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).createdAt(at(0)).build()));
        ClaimedEntry claimed = claimAll(at(1), OWNER_A).get(0);
        assertThat(repository.reschedule(claimed.ref(), at(100), "boom", at(2))).isTrue();

        // A poll by a caller whose clock is ahead must not make the entry due for everyone.
        assertThat(claim(at(200), 10, false, Set.of("other.Handler"), OWNER_B)).isEmpty();
        assertThat(repository.oldestDueSince(at(200))).isEqualTo(at(100));

        assertThat(claim(at(99), 10, false, ALL_HANDLERS, OWNER_A))
                .as("before nextRetryAt")
                .isEmpty();
        assertThat(claim(at(99).plusMillis(999), 10, false, ALL_HANDLERS, OWNER_A))
                .as("1 ms before")
                .isEmpty();
        List<ClaimedEntry> due = claim(at(100), 10, false, ALL_HANDLERS, OWNER_B);
        assertThat(due).as("due exactly at nextRetryAt").hasSize(1);
        assertThat(due.get(0).attempt()).isEqualTo(2);
    }

    @Test
    final void claimSeparatesForegroundFromBackgroundEntries() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(
                entry(event, HANDLER_1).build(),
                entry(event, BG_HANDLER).background().build()));

        List<ClaimedEntry> background = claim(at(1), 10, true, ALL_HANDLERS, OWNER_A);
        List<ClaimedEntry> foreground = claim(at(1), 10, false, ALL_HANDLERS, OWNER_A);

        assertThat(background).extracting(ClaimedEntry::handlerName).containsExactly(BG_HANDLER);
        assertThat(foreground).extracting(ClaimedEntry::handlerName).containsExactly(HANDLER_1);
    }

    @Test
    final void claimTakesOnlyEntriesOfTheRequestedHandlers() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));

        assertThat(claim(at(1), 10, false, Set.of(), OWNER_A))
                .as("no handlers, no entries")
                .isEmpty();
        assertThat(claim(at(1), 10, false, Set.of("unknown.Handler"), OWNER_A)).isEmpty();
        assertThat(claim(at(1), 10, false, Set.of(HANDLER_2), OWNER_A))
                .extracting(ClaimedEntry::handlerName)
                .containsExactly(HANDLER_2);
        assertThat(repository.countByStatus().pending()).isEqualTo(1);
    }

    @Test
    final void anEntryDueLaterIsNotClaimedBeforeItsDueTime() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).createdAt(at(0)).dueAt(at(60)).build()));

        assertThat(repository.countByStatus().pending()).isEqualTo(1);
        assertThat(repository.oldestDueSince(at(59))).as("not due yet").isNull();
        assertThat(claim(at(59), 10, false, ALL_HANDLERS, OWNER_A)).isEmpty();
        assertThat(repository.oldestDueSince(at(70))).isEqualTo(at(60));
        assertThat(claim(at(60), 10, false, ALL_HANDLERS, OWNER_A))
                .singleElement()
                .satisfies(c -> assertThat(c.attempt()).isEqualTo(1));
    }

    @Test
    final void nextDueAtIsTheEarliestLaterDueTimeOfTheLoopAndHandlersAsked() {
        OrderPlacedEvent one = order("o-1");
        OrderPlacedEvent two = order("o-2");
        OrderPlacedEvent three = order("o-3");
        repository.enqueue(List.of(
                entry(one, HANDLER_1).createdAt(at(0)).build(),
                entry(one, HANDLER_2).createdAt(at(0)).dueAt(at(30)).build(),
                entry(two, HANDLER_1).createdAt(at(0)).dueAt(at(90)).build(),
                entry(two, HANDLER_2).createdAt(at(0)).dueAt(at(60)).build(),
                entry(three, BG_HANDLER)
                        .background()
                        .createdAt(at(0))
                        .dueAt(at(20))
                        .build()));

        assertThat(repository.nextDueAt(Set.of(HANDLER_1, HANDLER_2), Loop.FOREGROUND, at(1)))
                .isEqualTo(at(30));
        assertThat(repository.nextDueAt(Set.of(HANDLER_1), Loop.FOREGROUND, at(1)))
                .as("only the handlers asked")
                .isEqualTo(at(90));
        assertThat(repository.nextDueAt(Set.of(BG_HANDLER), Loop.BACKGROUND, at(1)))
                .isEqualTo(at(20));
        assertThat(repository.nextDueAt(Set.of(BG_HANDLER), Loop.FOREGROUND, at(1)))
                .as("only the loop asked")
                .isNull();
        assertThat(repository.nextDueAt(Set.of(HANDLER_1, HANDLER_2), Loop.FOREGROUND, at(30)))
                .as("after the instant asked, not at it")
                .isEqualTo(at(60));

        claim(at(60), 10, false, Set.of(HANDLER_2), OWNER_A);
        assertThat(repository.nextDueAt(Set.of(HANDLER_2), Loop.FOREGROUND, at(1)))
                .as("claimed entries are not pending")
                .isNull();
    }

    @Test
    final void headersTravelWithTheEntryToItsClaim() {
        OrderPlacedEvent event = order("o-1");
        Map<String, String> headers =
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tenant", "ü-7");
        repository.enqueue(List.of(
                entry(event, HANDLER_1).headers(headers).build(),
                entry(event, HANDLER_2).build()));

        List<ClaimedEntry> claimed = claimAll(at(1), OWNER_A);

        assertThat(claimed)
                .filteredOn(c -> c.handlerName().equals(HANDLER_1))
                .singleElement()
                .satisfies(c -> assertThat(c.headers()).isEqualTo(headers));
        assertThat(claimed)
                .filteredOn(c -> c.handlerName().equals(HANDLER_2))
                .singleElement()
                .satisfies(c -> assertThat(c.headers()).isEmpty());
    }

    @Test
    final void agedEntriesAreClaimedBeforeHigherPrioritiesOldestFirst() {
        NewQueueEntry oldLowPriority = entry(order("old-low"), HANDLER_2)
                .priority(500)
                .createdAt(at(0))
                .build();
        NewQueueEntry youngerLowPriority = entry(order("younger-low"), HANDLER_2)
                .priority(500)
                .createdAt(at(50))
                .build();
        NewQueueEntry urgent =
                entry(order("urgent"), HANDLER_1).priority(1).createdAt(at(90)).build();
        repository.enqueue(List.of(oldLowPriority, youngerLowPriority, urgent));

        List<ClaimedEntry> aged =
                repository.claim(new ClaimRequest(at(100), 1, Loop.FOREGROUND, ALL_HANDLERS, OWNER_A, at(130), at(40)));
        List<ClaimedEntry> rest = repository.claim(
                new ClaimRequest(at(100), 10, Loop.FOREGROUND, ALL_HANDLERS, OWNER_A, at(130), at(40)));

        assertThat(aged)
                .extracting(ClaimedEntry::id)
                .as("due since before the aging cutoff")
                .containsExactly(oldLowPriority.id());
        assertThat(rest)
                .extracting(ClaimedEntry::id)
                .as("then priority order")
                .containsExactly(urgent.id(), youngerLowPriority.id());
    }

    @Test
    final void everyClaimOfAnEntryGetsANewToken() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build()));
        ClaimedEntry first = claimAll(at(1), OWNER_A).get(0);
        repository.reschedule(first.ref(), at(2), "boom", at(1));
        ClaimedEntry second = claimAll(at(3), OWNER_A).get(0);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.claimToken()).isNotEqualTo(first.claimToken());
        assertThat(second.leaseExpiresAt()).isEqualTo(at(33));
    }

    @Test
    final void claimCountsTheAttemptAndWritesOwnerAndLease() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).maxAttempts(3).createdAt(at(0)).build()));

        ClaimedEntry claimed =
                claim(at(10), 10, false, ALL_HANDLERS, OWNER_A, at(40)).get(0);

        assertThat(claimed.attempt()).isEqualTo(1);
        assertThat(claimed.maxAttempts()).isEqualTo(3);
        assertThat(claimed.isLastAttempt()).isFalse();
        QueueEntry stored = repository.findByEventId(event.getEventId()).get(0);
        assertThat(stored.id()).isEqualTo(claimed.id());
        assertThat(stored.status()).isEqualTo(EntryStatus.PROCESSING);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.owner()).isEqualTo(OWNER_A);
        assertThat(stored.leaseExpiresAt()).isEqualTo(at(40));
        assertThat(stored.updatedAt()).isEqualTo(at(10));
        assertThat(claim(at(11), 10, false, ALL_HANDLERS, OWNER_B))
                .as("a processing entry is not claimable")
                .isEmpty();
    }

    @Test
    final void claimedRecordEventEqualsThePublishedOne() {
        OrderPlacedEvent published = order("o-1");
        NewQueueEntry entry = entry(published, HANDLER_1)
                .priority(3)
                .maxAttempts(5)
                .credentials(MANAGER)
                .createdAt(at(1))
                .build();
        repository.enqueue(List.of(entry));

        ClaimedEntry claimed = claimAll(at(2), OWNER_A).get(0);

        assertThat(claimed.payloadError()).isNull();
        assertThat(claimed.isReadable()).isTrue();
        assertThat(claimed.event()).isInstanceOf(OrderPlacedEvent.class).isEqualTo(published);
        assertThat(claimed.event().getEventId()).isEqualTo(published.getEventId());
        assertThat(claimed.event().getOccurredAt()).isEqualTo(published.getOccurredAt());
        assertThat(claimed.id()).isEqualTo(entry.id());
        assertThat(claimed.eventId()).isEqualTo(published.getEventId());
        assertThat(claimed.eventType()).isEqualTo(OrderPlacedEvent.TYPE);
        assertThat(claimed.handlerName()).isEqualTo(HANDLER_1);
        assertThat(claimed.maxAttempts()).isEqualTo(5);
        assertThat(claimed.credentials()).isEqualTo(MANAGER);
        assertThat(claimed.createdAt()).isEqualTo(at(1));
    }

    @Test
    final void claimedClassEventEqualsThePublishedOneFieldByField() {
        SeatReservedEvent published = seat("A-12");
        repository.enqueue(List.of(entry(published, HANDLER_1).build()));

        ClaimedEntry claimed = claimAll(at(2), OWNER_A).get(0);

        assertThat(claimed.eventType()).isEqualTo("SeatReservedEvent");
        assertThat(claimed.event()).isInstanceOf(SeatReservedEvent.class);
        // AbstractDomainEvent's equals compares ids only, so compare every field, the base class's included.
        assertThat(claimed.event())
                .usingRecursiveComparison()
                .withStrictTypeChecking()
                .isEqualTo(published);
        SeatReservedEvent read = (SeatReservedEvent) claimed.event();
        assertThat(read.getEventId()).isEqualTo(published.getEventId());
        assertThat(read.getOccurredAt()).isEqualTo(published.getOccurredAt());
        assertThat(read.getVenue()).isEqualTo(published.getVenue());
        assertThat(read.getShowStartsAt()).isEqualTo(published.getShowStartsAt());
        assertThat(read.getQuantity()).isEqualTo(2);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    final void concurrentClaimsNeverReturnOneEntryTwice() throws Exception {
        int total = 2_000;
        List<NewQueueEntry> entries = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            entries.add(entry(order("o-" + i), i % 2 == 0 ? HANDLER_1 : HANDLER_2)
                    .priority(i % 3)
                    .createdAt(at(i % 50))
                    .build());
        }
        for (int from = 0; from < total; from += 500) {
            repository.enqueue(entries.subList(from, from + 500));
        }
        int threads = 4;
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        List<UUID> duplicates = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "worker-" + t;
                results.add(pool.submit(() -> {
                    go.await();
                    int mine = 0;
                    List<ClaimedEntry> batch;
                    do {
                        batch = claim(at(100), 7, false, ALL_HANDLERS, owner);
                        for (ClaimedEntry claimed : batch) {
                            if (!seen.add(claimed.id())) {
                                duplicates.add(claimed.id());
                            }
                        }
                        mine += batch.size();
                        // An empty batch may mean "all left are being claimed by others" (SKIP LOCKED).
                    } while (!batch.isEmpty() || repository.countByStatus().pending() > 0);
                    return mine;
                }));
            }
            go.countDown();
            int sum = 0;
            for (Future<Integer> result : results) {
                sum += result.get(110, TimeUnit.SECONDS);
            }
            assertThat(duplicates).as("entries claimed twice").isEmpty();
            assertThat(sum).isEqualTo(total);
            assertThat(seen).hasSize(total);
            assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, total, 0, 0));
        } finally {
            pool.shutdownNow();
        }
    }
}
