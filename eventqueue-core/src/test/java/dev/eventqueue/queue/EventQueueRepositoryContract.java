package dev.eventqueue.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.testevents.OrderPlacedEvent;
import dev.eventqueue.testevents.SeatReservedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link EventQueueRepository} must meet, as final tests. A store module
 * subclasses it and supplies {@link #newRepository()}.
 *
 * <p>{@link #newRepository()} is called once per test from this class's {@code @BeforeEach},
 * which JUnit runs <em>before</em> a subclass's own {@code @BeforeEach} methods: create the schema
 * inside {@code newRepository()} (or in a static {@code @BeforeAll}) and drop it in an
 * {@code @AfterEach}/{@code @AfterAll}. Every test needs an empty store.
 *
 * <p>All times are explicit, millisecond-precise instants passed in as {@code now}; nothing
 * here sleeps or reads the wall clock, so a store must never read a clock of its own.
 */
public abstract class EventQueueRepositoryContract {

    /** A fixed base time, millisecond precision, in a month without any DST change. */
    protected static final Instant BASE = Instant.parse("2024-05-14T12:00:00.123Z");
    /**
     * The hour that happened twice in São Paulo when DST ended on 2019-02-17 (second pass, UTC-3).
     * A store that writes local wall-clock time in a non-UTC session reads it back one hour early.
     */
    protected static final Instant AMBIGUOUS_LOCAL_HOUR = Instant.parse("2019-02-17T02:30:45.678Z");

    protected static final String OWNER_A = "node-a:1:aaaaaaaa";
    protected static final String OWNER_B = "node-b:2:bbbbbbbb";
    protected static final String HANDLER_1 = "com.example.handlers.InvoiceHandler";
    protected static final String HANDLER_2 = "com.example.handlers.MailHandler";
    protected static final String BG_HANDLER = "com.example.handlers.ReportHandler";
    protected static final Set<String> ALL_HANDLERS = Set.of(HANDLER_1, HANDLER_2, BG_HANDLER);
    protected static final Credentials MANAGER = new Credentials("user-42", "MANAGER");

    protected EventQueueRepository repository;

    /** A new, empty store; called once per test. */
    protected abstract EventQueueRepository newRepository();

    @BeforeEach
    final void createRepositoryAndRegisterTypes() {
        repository = newRepository();
        // One type with an explicit name different from its class, one found by its simple name.
        repository.registerEventType(OrderPlacedEvent.class, OrderPlacedEvent.TYPE);
        repository.registerEventType(SeatReservedEvent.class, null);
    }

    // ---------------------------------------------------------------- enqueue

    @Test
    final void enqueueStoresPendingEntriesWithZeroAttemptsAndTheirSettings() {
        OrderPlacedEvent event = order("o-1");
        int inserted = repository.enqueue(List.of(
                entry(event, HANDLER_1).priority(7).maxAttempts(4).credentials(MANAGER).createdAt(at(5)).build(),
                entry(event, BG_HANDLER).background().priority(200).maxAttempts(1).createdAt(at(6)).build()));

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
        int again = repository.enqueue(List.of(entry(event, HANDLER_1).createdAt(at(2)).build(),
                entry(event, HANDLER_2).createdAt(at(2)).build()));

        assertThat(again).as("only the new handler's entry is inserted").isEqualTo(1);
        List<QueueEntry> stored = repository.findByEventId(event.getEventId());
        assertThat(stored).extracting(QueueEntry::handlerName).containsExactlyInAnyOrder(HANDLER_1, HANDLER_2);
        assertThat(stored).filteredOn(e -> e.handlerName().equals(HANDLER_1)).singleElement()
                .satisfies(e -> assertThat(e.status()).as("existing entry untouched").isEqualTo(EntryStatus.PROCESSING));
    }

    @Test
    final void enqueueSkipsDuplicatePairsWithinOneBatch() {
        OrderPlacedEvent event = order("o-1");
        int inserted = repository.enqueue(List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_1).build()));

        assertThat(inserted).isEqualTo(1);
        assertThat(repository.findByEventId(event.getEventId())).hasSize(1);
    }

    // ---------------------------------------------------------------- claim

    @Test
    final void claimReturnsLowestPriorityNumberFirstThenOldest() {
        List<NewQueueEntry> entries = new ArrayList<>(List.of(
                entry(order("p50-new"), HANDLER_1).priority(50).createdAt(at(30)).build(),
                entry(order("p10-new"), HANDLER_2).priority(10).createdAt(at(20)).build(),
                entry(order("p50-old"), HANDLER_2).priority(50).createdAt(at(1)).build(),
                entry(order("p100"), HANDLER_1).priority(100).createdAt(at(0)).build(),
                entry(order("p10-old"), HANDLER_1).priority(10).createdAt(at(10)).build()));
        Collections.shuffle(entries, new Random(7));
        for (NewQueueEntry entry : entries) {
            repository.enqueue(List.of(entry)); // insertion order must not matter
        }

        List<ClaimedEntry> claimed = claim(at(60), 10, false, ALL_HANDLERS, OWNER_A);

        assertThat(claimed).extracting(c -> c.event().getAggregateId())
                .containsExactly("p10-old", "p10-new", "p50-old", "p50-new", "p100");
    }

    @Test
    final void claimTakesAtMostLimitAndLeavesTheRestPending() {
        for (int i = 0; i < 5; i++) {
            repository.enqueue(List.of(entry(order("o-" + i), HANDLER_1).createdAt(at(i)).build()));
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
        assertThat(repository.reschedule(claimed.id(), OWNER_A, at(100), "boom", at(2))).isTrue();

        // A poll by a caller whose clock is ahead must not make the entry due for everyone.
        assertThat(claim(at(200), 10, false, Set.of("other.Handler"), OWNER_B)).isEmpty();
        assertThat(repository.oldestDueSince(at(200))).isEqualTo(at(100));

        assertThat(claim(at(99), 10, false, ALL_HANDLERS, OWNER_A)).as("before nextRetryAt").isEmpty();
        assertThat(claim(at(99).plusMillis(999), 10, false, ALL_HANDLERS, OWNER_A)).as("1 ms before").isEmpty();
        List<ClaimedEntry> due = claim(at(100), 10, false, ALL_HANDLERS, OWNER_B);
        assertThat(due).as("due exactly at nextRetryAt").hasSize(1);
        assertThat(due.get(0).attempt()).isEqualTo(2);
    }

    @Test
    final void claimSeparatesForegroundFromBackgroundEntries() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build(), entry(event, BG_HANDLER).background().build()));

        List<ClaimedEntry> background = claim(at(1), 10, true, ALL_HANDLERS, OWNER_A);
        List<ClaimedEntry> foreground = claim(at(1), 10, false, ALL_HANDLERS, OWNER_A);

        assertThat(background).extracting(ClaimedEntry::handlerName).containsExactly(BG_HANDLER);
        assertThat(foreground).extracting(ClaimedEntry::handlerName).containsExactly(HANDLER_1);
    }

    @Test
    final void claimTakesOnlyEntriesOfTheRequestedHandlers() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));

        assertThat(claim(at(1), 10, false, Set.of(), OWNER_A)).as("no handlers, no entries").isEmpty();
        assertThat(claim(at(1), 10, false, Set.of("unknown.Handler"), OWNER_A)).isEmpty();
        assertThat(claim(at(1), 10, false, Set.of(HANDLER_2), OWNER_A))
                .extracting(ClaimedEntry::handlerName).containsExactly(HANDLER_2);
        assertThat(repository.countByStatus().pending()).isEqualTo(1);
    }

    @Test
    final void claimCountsTheAttemptAndWritesOwnerAndLease() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).maxAttempts(3).createdAt(at(0)).build()));

        ClaimedEntry claimed = claim(at(10), 10, false, ALL_HANDLERS, OWNER_A, at(40)).get(0);

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
        assertThat(claim(at(11), 10, false, ALL_HANDLERS, OWNER_B)).as("a processing entry is not claimable").isEmpty();
    }

    @Test
    final void claimedRecordEventEqualsThePublishedOne() {
        OrderPlacedEvent published = order("o-1");
        NewQueueEntry entry = entry(published, HANDLER_1).priority(3).maxAttempts(5).credentials(MANAGER)
                .createdAt(at(1)).build();
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
        assertThat(claimed.event()).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(published);
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
            entries.add(entry(order("o-" + i), i % 2 == 0 ? HANDLER_1 : HANDLER_2).priority(i % 3)
                    .createdAt(at(i % 50)).build());
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
                    } while (!batch.isEmpty());
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

    // ---------------------------------------------------------------- outcomes and ownership

    @Test
    final void completeActsOnlyForTheOwningOwner() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        List<UUID> ids = claimAll(at(1), OWNER_A).stream().map(ClaimedEntry::id).toList();

        assertThat(repository.complete(ids, OWNER_B, at(2))).as("another owner").isZero();
        assertThat(repository.countByStatus().processing()).isEqualTo(2);
        assertThat(repository.complete(List.of(UUID.randomUUID()), OWNER_A, at(2))).as("unknown id").isZero();
        assertThat(repository.complete(ids, OWNER_A, at(3))).isEqualTo(2);
        assertThat(repository.complete(ids, OWNER_A, at(4))).as("already completed").isZero();

        assertThat(repository.findByEventId(event.getEventId())).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.COMPLETED);
            assertThat(e.updatedAt()).isEqualTo(at(3));
            assertThat(e.owner()).isNull();
            assertThat(e.leaseExpiresAt()).isNull();
            assertThat(e.attempts()).isEqualTo(1);
        });
        assertThat(claim(at(5), 10, false, ALL_HANDLERS, OWNER_A)).as("completed entries never run again").isEmpty();
    }

    @Test
    final void completeDoesNotTouchAPendingEntry() {
        OrderPlacedEvent event = order("o-1");
        NewQueueEntry entry = entry(event, HANDLER_1).build();
        repository.enqueue(List.of(entry));

        assertThat(repository.complete(List.of(entry.id()), OWNER_A, at(1))).isZero();
        assertThat(repository.findByEventId(event.getEventId()).get(0).status()).isEqualTo(EntryStatus.PENDING);
    }

    @Test
    final void rescheduleActsOnlyForTheOwnerAndKeepsTheAttempt() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).maxAttempts(4).build()));
        ClaimedEntry claimed = claimAll(at(1), OWNER_A).get(0);

        assertThat(repository.reschedule(claimed.id(), OWNER_B, at(50), "wrong owner", at(2))).isFalse();
        assertThat(repository.reschedule(UUID.randomUUID(), OWNER_A, at(50), "unknown", at(2))).isFalse();
        assertThat(repository.findByEventId(event.getEventId()).get(0).status()).isEqualTo(EntryStatus.PROCESSING);

        assertThat(repository.reschedule(claimed.id(), OWNER_A, at(50), "java.io.IOException: timeout", at(3)))
                .isTrue();
        assertThat(repository.reschedule(claimed.id(), OWNER_A, at(60), "twice", at(4)))
                .as("no longer held once rescheduled").isFalse();

        QueueEntry stored = repository.findByEventId(event.getEventId()).get(0);
        assertThat(stored.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(stored.nextRetryAt()).isEqualTo(at(50));
        assertThat(stored.error()).isEqualTo("java.io.IOException: timeout");
        assertThat(stored.attempts()).as("a failed attempt still counts").isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(at(3));
        assertThat(stored.owner()).isNull();
        assertThat(stored.leaseExpiresAt()).isNull();
    }

    @Test
    final void failActsOnlyForTheOwner() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build()));
        ClaimedEntry claimed = claimAll(at(1), OWNER_A).get(0);

        assertThat(repository.fail(claimed.id(), OWNER_B, "wrong owner", at(2))).isFalse();
        assertThat(repository.fail(claimed.id(), OWNER_A, "IllegalStateException: broken", at(3))).isTrue();
        assertThat(repository.fail(claimed.id(), OWNER_A, "again", at(4))).as("no longer held").isFalse();

        QueueEntry stored = repository.findByEventId(event.getEventId()).get(0);
        assertThat(stored.status()).isEqualTo(EntryStatus.FAILED);
        assertThat(stored.error()).isEqualTo("IllegalStateException: broken");
        assertThat(stored.updatedAt()).isEqualTo(at(3));
        assertThat(stored.owner()).isNull();
        assertThat(stored.leaseExpiresAt()).isNull();
        assertThat(claim(at(100), 10, false, ALL_HANDLERS, OWNER_A)).as("failed entries are not claimed").isEmpty();
    }

    @Test
    final void releaseGivesEntriesBackWithTheAttemptTakenBack() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        List<UUID> ids = claimAll(at(1), OWNER_A).stream().map(ClaimedEntry::id).toList();

        assertThat(repository.release(ids, OWNER_B, at(2))).as("another owner").isZero();
        assertThat(repository.release(ids, OWNER_A, at(3))).isEqualTo(2);
        assertThat(repository.release(ids, OWNER_A, at(4))).as("already released").isZero();

        assertThat(repository.findByEventId(event.getEventId())).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(e.attempts()).isZero();
            assertThat(e.owner()).isNull();
            assertThat(e.leaseExpiresAt()).isNull();
        });
        List<ClaimedEntry> again = claimAll(at(5), OWNER_B);
        assertThat(again).hasSize(2).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1));
    }

    @Test
    final void extendLeasesMovesOnlyTheOwnersLeases() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        claim(at(1), 1, false, Set.of(HANDLER_1), OWNER_A, at(31));
        claim(at(1), 1, false, Set.of(HANDLER_2), OWNER_B, at(31));

        assertThat(repository.extendLeases(OWNER_A, at(90), at(20))).isEqualTo(1);
        assertThat(repository.extendLeases("nobody", at(90), at(20))).isZero();

        List<QueueEntry> stored = repository.findByEventId(event.getEventId());
        assertThat(stored).filteredOn(e -> OWNER_A.equals(e.owner())).singleElement()
                .satisfies(e -> assertThat(e.leaseExpiresAt()).isEqualTo(at(90)));
        assertThat(stored).filteredOn(e -> OWNER_B.equals(e.owner())).singleElement()
                .satisfies(e -> assertThat(e.leaseExpiresAt()).isEqualTo(at(31)));
        assertThat(repository.releaseExpiredLeases(at(60))).extracting(QueueEntry::handlerName)
                .as("only the lease that was not extended expires").containsExactly(HANDLER_2);
    }

    // ---------------------------------------------------------------- lease expiry

    @Test
    final void expiredLeaseReturnsTheEntryToPendingWhenAttemptsRemain() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).maxAttempts(3).build(),
                entry(event, HANDLER_2).maxAttempts(3).build()));
        claim(at(1), 1, false, Set.of(HANDLER_1), OWNER_A, at(30));
        claim(at(1), 1, false, Set.of(HANDLER_2), OWNER_A, at(90));

        assertThat(repository.releaseExpiredLeases(at(30))).as("a lease is valid up to its expiry").isEmpty();
        List<QueueEntry> recovered = repository.releaseExpiredLeases(at(31));

        assertThat(recovered).singleElement().satisfies(e -> {
            assertThat(e.handlerName()).isEqualTo(HANDLER_1);
            assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(e.attempts()).as("the lost attempt still counts").isEqualTo(1);
            assertThat(e.owner()).isNull();
            assertThat(e.leaseExpiresAt()).isNull();
        });
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(1, 1, 0, 0));
        ClaimedEntry retaken = claim(at(32), 10, false, ALL_HANDLERS, OWNER_B).get(0);
        assertThat(retaken.handlerName()).isEqualTo(HANDLER_1);
        assertThat(retaken.attempt()).isEqualTo(2);
        assertThat(repository.complete(List.of(retaken.id()), OWNER_A, at(33)))
                .as("the lost owner can no longer write an outcome").isZero();
        assertThat(repository.complete(List.of(retaken.id()), OWNER_B, at(33))).isEqualTo(1);
    }

    @Test
    final void expiredLeaseOnTheLastAttemptFailsTheEntryWithAnError() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).maxAttempts(1).build()));
        claim(at(1), 1, false, ALL_HANDLERS, OWNER_A, at(30));

        List<QueueEntry> recovered = repository.releaseExpiredLeases(at(31));

        assertThat(recovered).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.FAILED);
            assertThat(e.error()).isEqualTo(LeaseMessages.lostOnLastAttempt(OWNER_A, 1));
            assertThat(e.owner()).isNull();
        });
        QueueEntry stored = repository.findByEventId(event.getEventId()).get(0);
        assertThat(stored.status()).isEqualTo(EntryStatus.FAILED);
        assertThat(stored.error()).isEqualTo(LeaseMessages.lostOnLastAttempt(OWNER_A, 1));
        assertThat(repository.findFailed(10)).extracting(QueueEntry::id).containsExactly(stored.id());
        assertThat(claim(at(40), 10, false, ALL_HANDLERS, OWNER_B)).isEmpty();
    }

    // ---------------------------------------------------------------- admin queries

    @Test
    final void countByStatusCountsEveryStatus() {
        for (int i = 0; i < 6; i++) {
            repository.enqueue(List.of(entry(order("o-" + i), HANDLER_1).maxAttempts(1).createdAt(at(i)).build()));
        }
        List<ClaimedEntry> claimed = claim(at(10), 4, false, ALL_HANDLERS, OWNER_A);
        repository.complete(List.of(claimed.get(0).id(), claimed.get(1).id()), OWNER_A, at(11));
        repository.fail(claimed.get(2).id(), OWNER_A, "x", at(11));

        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(2, 1, 2, 1));
        assertThat(repository.countByStatus().total()).isEqualTo(6);
    }

    @Test
    final void oldestDueSinceIsTheEarliestDueTimeOfPendingEntries() {
        assertThat(repository.oldestDueSince(at(100))).as("empty store").isNull();
        NewQueueEntry completed = entry(order("completed"), HANDLER_1).createdAt(at(0)).build();
        NewQueueEntry processing = entry(order("processing"), HANDLER_1).createdAt(at(1)).build();
        NewQueueEntry retried = entry(order("retried"), HANDLER_2).createdAt(at(2)).build();
        repository.enqueue(List.of(completed, processing, retried));
        assertThat(claimAll(at(3), OWNER_A)).hasSize(3);
        repository.complete(List.of(completed.id()), OWNER_A, at(4));
        repository.reschedule(retried.id(), OWNER_A, at(40), "boom", at(4));
        NewQueueEntry fresh = entry(order("fresh"), HANDLER_1).createdAt(at(20)).build();
        repository.enqueue(List.of(fresh));

        assertThat(repository.oldestDueSince(at(30))).as("only the fresh entry is due").isEqualTo(at(20));
        assertThat(repository.oldestDueSince(at(50))).isEqualTo(at(20));
        assertThat(claim(at(51), 1, false, Set.of(HANDLER_1), OWNER_A)).extracting(ClaimedEntry::id)
                .containsExactly(fresh.id());
        assertThat(repository.oldestDueSince(at(39))).as("the retry is not due yet").isNull();
        assertThat(repository.oldestDueSince(at(50)))
                .as("a retry counts from its nextRetryAt, not its creation").isEqualTo(at(40));
    }

    @Test
    final void findFailedListsOldestFailureFirst() {
        List<ClaimedEntry> claimed = enqueueAndClaim(4, 1);
        repository.fail(claimed.get(2).id(), OWNER_A, "third created, failed first", at(10));
        repository.fail(claimed.get(0).id(), OWNER_A, "first created, failed second", at(11));
        repository.fail(claimed.get(3).id(), OWNER_A, "last created, failed third", at(12));

        assertThat(repository.findFailed(10)).extracting(QueueEntry::id)
                .containsExactly(claimed.get(2).id(), claimed.get(0).id(), claimed.get(3).id());
        assertThat(repository.findFailed(2)).extracting(QueueEntry::id)
                .containsExactly(claimed.get(2).id(), claimed.get(0).id());
        assertThat(repository.findFailed(10)).allSatisfy(e -> assertThat(e.status()).isEqualTo(EntryStatus.FAILED));
    }

    @Test
    final void findByEventIdReturnsAllEntriesOfOneEventOldestFirst() {
        OrderPlacedEvent event = order("o-1");
        OrderPlacedEvent other = order("o-2");
        repository.enqueue(List.of(entry(event, HANDLER_2).createdAt(at(5)).build(),
                entry(other, HANDLER_1).createdAt(at(1)).build()));
        repository.enqueue(List.of(entry(event, HANDLER_1).createdAt(at(7)).build(),
                entry(event, BG_HANDLER).background().createdAt(at(3)).build()));

        assertThat(repository.findByEventId(event.getEventId())).extracting(QueueEntry::handlerName)
                .containsExactly(BG_HANDLER, HANDLER_2, HANDLER_1);
        assertThat(repository.findByEventId(UUID.randomUUID())).isEmpty();
    }

    @Test
    final void retryFailedTakesOldestFailuresFirstAndResetsAttempts() {
        List<ClaimedEntry> claimed = enqueueAndClaim(3, 2);
        repository.fail(claimed.get(1).id(), OWNER_A, "failed first", at(10));
        repository.fail(claimed.get(2).id(), OWNER_A, "failed second", at(11));
        repository.fail(claimed.get(0).id(), OWNER_A, "failed third", at(12));

        List<QueueEntry> retried = repository.retryFailed(2, at(20));

        assertThat(retried).extracting(QueueEntry::id).containsExactly(claimed.get(1).id(), claimed.get(2).id());
        assertThat(retried).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(e.attempts()).isZero();
        });
        QueueEntry stored = repository.findByEventId(claimed.get(1).eventId()).get(0);
        assertThat(stored.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.error()).as("kept for reference").isEqualTo("failed first");
        assertThat(stored.nextRetryAt()).as("due at once").isNull();
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(2, 0, 0, 1));
        assertThat(repository.findFailed(10)).extracting(QueueEntry::id).containsExactly(claimed.get(0).id());

        List<ClaimedEntry> again = claimAll(at(21), OWNER_B);
        assertThat(again).hasSize(2).allSatisfy(c -> {
            assertThat(c.attempt()).as("full attempts again").isEqualTo(1);
            assertThat(c.isLastAttempt()).isFalse();
        });
        assertThat(repository.retryFailed(10, at(22))).extracting(QueueEntry::id).containsExactly(claimed.get(0).id());
        assertThat(repository.retryFailed(10, at(23))).isEmpty();
    }

    @Test
    final void deleteCompletedBeforeDeletesOnlyOldCompletedEntriesWithinTheLimit() {
        List<ClaimedEntry> claimed = enqueueAndClaim(6, 1);
        repository.complete(List.of(claimed.get(0).id(), claimed.get(1).id(), claimed.get(2).id()), OWNER_A, at(10));
        repository.complete(List.of(claimed.get(3).id()), OWNER_A, at(50));
        repository.fail(claimed.get(4).id(), OWNER_A, "failed long ago", at(5));
        // claimed.get(5) stays processing

        List<QueueEntry> firstChunk = repository.deleteCompletedBefore(at(50), 2);
        assertThat(firstChunk).hasSize(2).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.COMPLETED);
            assertThat(e.updatedAt()).isEqualTo(at(10));
        });
        List<QueueEntry> rest = repository.deleteCompletedBefore(at(50), 2);
        assertThat(rest).as("cutoff is exclusive: completed at 50 stays").hasSize(1);
        assertThat(repository.deleteCompletedBefore(at(50), 2)).isEmpty();

        List<UUID> deleted = new ArrayList<>(firstChunk.stream().map(QueueEntry::id).toList());
        deleted.addAll(rest.stream().map(QueueEntry::id).toList());
        assertThat(deleted).containsExactlyInAnyOrder(claimed.get(0).id(), claimed.get(1).id(), claimed.get(2).id());
        for (int i = 0; i < 3; i++) {
            assertThat(repository.findByEventId(claimed.get(i).eventId())).isEmpty();
        }
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 1, 1, 1));
        assertThat(repository.deleteCompletedBefore(at(51), 10)).extracting(QueueEntry::id)
                .containsExactly(claimed.get(3).id());
    }

    // ---------------------------------------------------------------- round trips

    @Test
    final void credentialsAndTimestampsRoundTripToTheMillisecond() {
        SeatReservedEvent event = new SeatReservedEvent(UUID.randomUUID(), AMBIGUOUS_LOCAL_HOUR, "B-7", 1,
                new SeatReservedEvent.Venue("Sala São Paulo", "São Paulo"), AMBIGUOUS_LOCAL_HOUR.plusMillis(1));
        Credentials candidate = new Credentials("candidate-ü-7", "CANDIDATE");
        Instant created = AMBIGUOUS_LOCAL_HOUR;
        Instant claimedAt = created.plusMillis(1);
        Instant leaseUntil = created.plus(Duration.ofMinutes(30)).plusMillis(7);
        repository.enqueue(List.of(entry(event, HANDLER_1).credentials(candidate).createdAt(created).build()));

        ClaimedEntry claimed = claim(claimedAt, 10, false, ALL_HANDLERS, OWNER_A, leaseUntil).get(0);
        assertThat(claimed.credentials()).isEqualTo(candidate);
        assertThat(claimed.createdAt()).isEqualTo(created);
        assertThat(claimed.event().getOccurredAt()).isEqualTo(AMBIGUOUS_LOCAL_HOUR);
        assertThat(((SeatReservedEvent) claimed.event()).getShowStartsAt()).isEqualTo(AMBIGUOUS_LOCAL_HOUR.plusMillis(1));
        QueueEntry processing = repository.findByEventId(event.getEventId()).get(0);
        assertThat(processing.createdAt()).isEqualTo(created);
        assertThat(processing.updatedAt()).isEqualTo(claimedAt);
        assertThat(processing.leaseExpiresAt()).isEqualTo(leaseUntil);
        assertThat(processing.credentialsUserId()).isEqualTo("candidate-ü-7");
        assertThat(processing.credentialsRole()).isEqualTo("CANDIDATE");

        Instant retryAt = created.plusSeconds(1800).plusMillis(999);
        Instant failedAt = created.plusMillis(2);
        repository.reschedule(claimed.id(), OWNER_A, retryAt, "boom", failedAt);
        QueueEntry rescheduled = repository.findByEventId(event.getEventId()).get(0);
        assertThat(rescheduled.nextRetryAt()).isEqualTo(retryAt);
        assertThat(rescheduled.updatedAt()).isEqualTo(failedAt);
        assertThat(repository.oldestDueSince(retryAt)).isEqualTo(retryAt);
        assertThat(claim(retryAt.minusMillis(1), 10, false, ALL_HANDLERS, OWNER_A)).isEmpty();
        assertThat(claim(retryAt, 10, false, ALL_HANDLERS, OWNER_A)).singleElement()
                .satisfies(c -> assertThat(c.credentials()).isEqualTo(candidate));
    }

    @Test
    final void missingCredentialsAndPartialCredentialsRoundTrip() {
        OrderPlacedEvent anonymous = order("anonymous");
        OrderPlacedEvent roleless = order("roleless");
        repository.enqueue(List.of(entry(anonymous, HANDLER_1).createdAt(at(1)).build(),
                entry(roleless, HANDLER_1).credentials(new Credentials("user-1", null)).createdAt(at(2)).build()));

        List<ClaimedEntry> claimed = claimAll(at(3), OWNER_A);

        assertThat(claimed.get(0).credentials()).isNull();
        assertThat(claimed.get(1).credentials()).isEqualTo(new Credentials("user-1", null));
    }

    // ---------------------------------------------------------------- helpers

    /** {@code BASE} plus whole seconds. */
    protected static Instant at(long seconds) {
        return BASE.plusSeconds(seconds);
    }

    protected static OrderPlacedEvent order(String orderId) {
        return OrderPlacedEvent.sample(orderId, BASE.minusSeconds(60));
    }

    protected static SeatReservedEvent seat(String seat) {
        return SeatReservedEvent.sample(seat, BASE.minusSeconds(30).truncatedTo(ChronoUnit.MILLIS));
    }

    protected static EntryBuilder entry(DomainEvent event, String handlerName) {
        return new EntryBuilder(event, handlerName);
    }

    protected List<ClaimedEntry> claim(Instant now, int limit, boolean background, Set<String> handlers, String owner) {
        return claim(now, limit, background, handlers, owner, now.plusSeconds(30));
    }

    protected List<ClaimedEntry> claim(Instant now, int limit, boolean background, Set<String> handlers, String owner,
                                       Instant leaseUntil) {
        return repository.claim(new ClaimRequest(now, limit, background, handlers, owner, leaseUntil));
    }

    /** Claims every due foreground entry as {@code owner}. */
    protected List<ClaimedEntry> claimAll(Instant now, String owner) {
        return claim(now, 1000, false, ALL_HANDLERS, owner);
    }

    /** Enqueues {@code count} single-handler events created one second apart and claims them in that order. */
    private List<ClaimedEntry> enqueueAndClaim(int count, int maxAttempts) {
        for (int i = 0; i < count; i++) {
            repository.enqueue(List.of(entry(order("o-" + i), HANDLER_1).maxAttempts(maxAttempts).createdAt(at(i))
                    .build()));
        }
        List<ClaimedEntry> claimed = claim(at(count), count, false, ALL_HANDLERS, OWNER_A);
        assertThat(claimed).hasSize(count);
        return claimed;
    }

    /** Builds a {@link NewQueueEntry} with sensible defaults. */
    protected static final class EntryBuilder {
        private final DomainEvent event;
        private final String handlerName;
        private int priority = 100;
        private boolean background;
        private int maxAttempts = 4;
        private Credentials credentials;
        private Instant createdAt = BASE;

        private EntryBuilder(DomainEvent event, String handlerName) {
            this.event = event;
            this.handlerName = handlerName;
        }

        public EntryBuilder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public EntryBuilder background() {
            this.background = true;
            return this;
        }

        public EntryBuilder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public EntryBuilder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public EntryBuilder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public NewQueueEntry build() {
            return new NewQueueEntry(UUID.randomUUID(), event, handlerName, priority, background, maxAttempts,
                    credentials, createdAt);
        }
    }
}
