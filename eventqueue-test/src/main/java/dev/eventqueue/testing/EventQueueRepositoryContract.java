package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.LeaseMessages;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link dev.eventqueue.queue.EventQueueRepository} must meet, as final tests.
 * A store module subclasses it and supplies {@link #newRepository()}.
 *
 * <p>{@link #newRepository()} is called once per test from an inherited {@code @BeforeEach},
 * which JUnit runs <em>before</em> a subclass's own {@code @BeforeEach} methods: create the schema
 * inside {@code newRepository()} (or in a static {@code @BeforeAll}) and drop it in an
 * {@code @AfterEach}/{@code @AfterAll}. Every test needs an empty store.
 *
 * <p>All times are explicit, millisecond-precise instants passed in as {@code now}; nothing
 * here sleeps or reads the wall clock, so a store must never read a clock of its own. Events are
 * the types in {@code dev.eventqueue.testing.events} (a record with a type name of its own, and an
 * {@code AbstractDomainEvent} subclass), handed to the store through
 * {@link dev.eventqueue.queue.EventQueueRepository#attach} before each test; a serializing store
 * must read them back equal to what was enqueued. A store may forget completed entries at once
 * (then it only counts them); the tests accept both.
 */
public abstract class EventQueueRepositoryContract extends OperatorQueryContract {

    // ---------------------------------------------------------------- outcomes and fencing

    @Test
    final void completeActsOnlyOnTheClaimItNames() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        List<ClaimedEntry> claimed = claimAll(at(1), OWNER_A);
        List<ClaimRef> stale = claimed.stream()
                .map(c -> new ClaimRef(c.id(), c.claimToken() + 1))
                .toList();

        assertThat(repository.complete(stale, at(2)))
                .as("another claim's token")
                .isZero();
        assertThat(repository.countByStatus().processing()).isEqualTo(2);
        assertThat(repository.complete(List.of(new ClaimRef(UUID.randomUUID(), 1)), at(2)))
                .as("unknown id")
                .isZero();
        assertThat(repository.complete(refs(claimed), at(3))).isEqualTo(2);
        assertThat(repository.complete(refs(claimed), at(4)))
                .as("already completed")
                .isZero();

        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, 2, 0));
        // A store may forget a completed entry at once; one it keeps shows what happened.
        assertThat(repository.findByEventId(event.getEventId())).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.COMPLETED);
            assertThat(e.updatedAt()).isEqualTo(at(3));
            assertThat(e.owner()).isNull();
            assertThat(e.leaseExpiresAt()).isNull();
            assertThat(e.attempts()).isEqualTo(1);
        });
        assertThat(claim(at(5), 10, false, ALL_HANDLERS, OWNER_A))
                .as("completed entries never run again")
                .isEmpty();
    }

    @Test
    final void aStaleClaimOfTheSameOwnerChangesNothing() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).maxAttempts(5).build()));
        ClaimedEntry stale =
                claim(at(1), 1, false, ALL_HANDLERS, OWNER_A, at(10)).get(0);
        assertThat(repository.releaseExpiredLeases(at(11))).hasSize(1);
        ClaimedEntry current =
                claim(at(12), 1, false, ALL_HANDLERS, OWNER_A, at(42)).get(0);

        assertThat(repository.complete(List.of(stale.ref()), at(13))).isZero();
        assertThat(repository.reschedule(stale.ref(), at(60), "stale retry", at(13)))
                .isFalse();
        assertThat(repository.fail(stale.ref(), "stale failure", at(13))).isFalse();
        assertThat(repository.release(List.of(stale.ref()), at(13))).isZero();
        assertThat(repository.extendLeases(List.of(stale.ref()), at(90), at(13)))
                .isEmpty();

        QueueEntry stored = stored(event);
        assertThat(stored.status()).isEqualTo(EntryStatus.PROCESSING);
        assertThat(stored.owner()).isEqualTo(OWNER_A);
        assertThat(stored.leaseExpiresAt())
                .as("the stale heartbeat did not move it")
                .isEqualTo(at(42));
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(repository.complete(List.of(current.ref()), at(14))).isEqualTo(1);
    }

    @Test
    final void completeDoesNotTouchAPendingEntry() {
        OrderPlacedEvent event = order("o-1");
        NewQueueEntry entry = entry(event, HANDLER_1).build();
        repository.enqueue(List.of(entry));

        assertThat(repository.complete(List.of(new ClaimRef(entry.id(), 0)), at(1)))
                .isZero();
        assertThat(repository.complete(List.of(new ClaimRef(entry.id(), 1)), at(1)))
                .isZero();
        assertThat(stored(event).status()).isEqualTo(EntryStatus.PENDING);
    }

    @Test
    final void rescheduleActsOnlyOnItsClaimAndKeepsTheAttempt() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).maxAttempts(4).build()));
        ClaimedEntry claimed = claimAll(at(1), OWNER_A).get(0);

        assertThat(repository.reschedule(
                        new ClaimRef(claimed.id(), claimed.claimToken() + 1), at(50), "wrong claim", at(2)))
                .isFalse();
        assertThat(repository.reschedule(new ClaimRef(UUID.randomUUID(), 1), at(50), "unknown", at(2)))
                .isFalse();
        assertThat(stored(event).status()).isEqualTo(EntryStatus.PROCESSING);

        assertThat(repository.reschedule(claimed.ref(), at(50), "java.io.IOException: timeout", at(3)))
                .isTrue();
        assertThat(repository.reschedule(claimed.ref(), at(60), "twice", at(4)))
                .as("no longer held once rescheduled")
                .isFalse();

        QueueEntry stored = stored(event);
        assertThat(stored.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(stored.nextRetryAt()).isEqualTo(at(50));
        assertThat(stored.error()).isEqualTo("java.io.IOException: timeout");
        assertThat(stored.attempts()).as("a failed attempt still counts").isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(at(3));
        assertThat(stored.owner()).isNull();
        assertThat(stored.leaseExpiresAt()).isNull();
    }

    @Test
    final void failActsOnlyOnItsClaim() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).build()));
        ClaimedEntry claimed = claimAll(at(1), OWNER_A).get(0);

        assertThat(repository.fail(new ClaimRef(claimed.id(), claimed.claimToken() + 1), "wrong claim", at(2)))
                .isFalse();
        assertThat(repository.fail(claimed.ref(), "IllegalStateException: broken", at(3)))
                .isTrue();
        assertThat(repository.fail(claimed.ref(), "again", at(4)))
                .as("no longer held")
                .isFalse();

        QueueEntry stored = stored(event);
        assertThat(stored.status()).isEqualTo(EntryStatus.FAILED);
        assertThat(stored.error()).isEqualTo("IllegalStateException: broken");
        assertThat(stored.updatedAt()).isEqualTo(at(3));
        assertThat(stored.owner()).isNull();
        assertThat(stored.leaseExpiresAt()).isNull();
        assertThat(claim(at(100), 10, false, ALL_HANDLERS, OWNER_A))
                .as("failed entries are not claimed")
                .isEmpty();
    }

    @Test
    final void releaseGivesEntriesBackWithTheAttemptTakenBack() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        List<ClaimedEntry> claimed = claimAll(at(1), OWNER_A);
        List<ClaimRef> other = claimed.stream()
                .map(c -> new ClaimRef(c.id(), c.claimToken() + 1))
                .toList();

        assertThat(repository.release(other, at(2))).as("another claim").isZero();
        assertThat(repository.release(refs(claimed), at(3))).isEqualTo(2);
        assertThat(repository.release(refs(claimed), at(4)))
                .as("already released")
                .isZero();

        assertThat(repository.findByEventId(event.getEventId())).hasSize(2).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(e.attempts()).isZero();
            assertThat(e.owner()).isNull();
            assertThat(e.leaseExpiresAt()).isNull();
        });
        List<ClaimedEntry> again = claimAll(at(5), OWNER_B);
        assertThat(again).hasSize(2).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1));
    }

    @Test
    final void extendLeasesMovesOnlyTheNamedClaimsAndSaysWhichAreHeld() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(
                List.of(entry(event, HANDLER_1).build(), entry(event, HANDLER_2).build()));
        ClaimedEntry first =
                claim(at(1), 1, false, Set.of(HANDLER_1), OWNER_A, at(31)).get(0);
        ClaimedEntry second =
                claim(at(1), 1, false, Set.of(HANDLER_2), OWNER_B, at(31)).get(0);
        ClaimRef unknown = new ClaimRef(UUID.randomUUID(), 1);

        assertThat(repository.extendLeases(List.of(first.ref(), unknown), at(90), at(20)))
                .containsExactly(first.ref());
        assertThat(repository.extendLeases(List.of(), at(90), at(20))).isEmpty();

        List<QueueEntry> stored = repository.findByEventId(event.getEventId());
        assertThat(stored)
                .filteredOn(e -> e.id().equals(first.id()))
                .singleElement()
                .satisfies(e -> assertThat(e.leaseExpiresAt()).isEqualTo(at(90)));
        assertThat(stored)
                .filteredOn(e -> e.id().equals(second.id()))
                .singleElement()
                .satisfies(e -> assertThat(e.leaseExpiresAt()).isEqualTo(at(31)));
        assertThat(repository.releaseExpiredLeases(at(60)))
                .extracting(QueueEntry::handlerName)
                .as("only the lease that was not extended expires")
                .containsExactly(HANDLER_2);
    }

    // ---------------------------------------------------------------- lease expiry

    @Test
    final void expiredLeaseReturnsTheEntryToPendingWhenAttemptsRemain() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(
                entry(event, HANDLER_1).maxAttempts(3).build(),
                entry(event, HANDLER_2).maxAttempts(3).build()));
        ClaimedEntry lost =
                claim(at(1), 1, false, Set.of(HANDLER_1), OWNER_A, at(30)).get(0);
        claim(at(1), 1, false, Set.of(HANDLER_2), OWNER_A, at(90));

        assertThat(repository.releaseExpiredLeases(at(30)))
                .as("a lease is valid up to its expiry")
                .isEmpty();
        List<QueueEntry> recovered = repository.releaseExpiredLeases(at(31));

        assertThat(recovered).singleElement().satisfies(e -> {
            assertThat(e.handlerName()).isEqualTo(HANDLER_1);
            assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(e.attempts()).as("the lost attempt still counts").isEqualTo(1);
            assertThat(e.owner()).isNull();
            assertThat(e.leaseExpiresAt()).isNull();
            assertThat(e.error()).isEqualTo(LeaseMessages.lost(OWNER_A, 1));
        });
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(1, 1, 0, 0));
        assertThat(repository.oldestDueSince(at(40)))
                .as("due since its recovery")
                .isEqualTo(at(31));
        ClaimedEntry retaken = claim(at(32), 10, false, ALL_HANDLERS, OWNER_B).get(0);
        assertThat(retaken.handlerName()).isEqualTo(HANDLER_1);
        assertThat(retaken.attempt()).isEqualTo(2);
        assertThat(retaken.isExhausted()).isFalse();
        assertThat(repository.complete(List.of(lost.ref()), at(33)))
                .as("the lost claim can no longer write an outcome")
                .isZero();
        assertThat(repository.complete(List.of(retaken.ref()), at(33))).isEqualTo(1);
    }

    @Test
    final void expiredLeaseOnTheLastAttemptLeavesOnlyTheFailureToHandle() {
        OrderPlacedEvent event = order("o-1");
        repository.enqueue(List.of(entry(event, HANDLER_1).maxAttempts(1).build()));
        claim(at(1), 1, false, ALL_HANDLERS, OWNER_A, at(30));

        List<QueueEntry> recovered = repository.releaseExpiredLeases(at(31));

        assertThat(recovered).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(e.attempts()).as("used up").isEqualTo(1);
            assertThat(e.error()).isEqualTo(LeaseMessages.lostOnLastAttempt(OWNER_A, 1));
            assertThat(e.owner()).isNull();
        });
        ClaimedEntry finalClaim =
                claim(at(40), 10, false, ALL_HANDLERS, OWNER_B).get(0);
        assertThat(finalClaim.attempt()).isEqualTo(2);
        assertThat(finalClaim.isExhausted()).as("nothing left to run").isTrue();
        assertThat(finalClaim.previousError()).isEqualTo(LeaseMessages.lostOnLastAttempt(OWNER_A, 1));
        assertThat(repository.fail(finalClaim.ref(), finalClaim.previousError(), at(41)))
                .isTrue();

        QueueEntry stored = stored(event);
        assertThat(stored.status()).isEqualTo(EntryStatus.FAILED);
        assertThat(stored.attempts()).as("never more than allowed").isEqualTo(1);
        assertThat(stored.error()).isEqualTo(LeaseMessages.lostOnLastAttempt(OWNER_A, 1));
        assertThat(repository.findFailed(10)).extracting(QueueEntry::id).containsExactly(stored.id());
    }

    // ---------------------------------------------------------------- admin queries

    @Test
    final void countByStatusCountsEveryStatus() {
        for (int i = 0; i < 6; i++) {
            repository.enqueue(List.of(entry(order("o-" + i), HANDLER_1)
                    .maxAttempts(1)
                    .createdAt(at(i))
                    .build()));
        }
        List<ClaimedEntry> claimed = claim(at(10), 4, false, ALL_HANDLERS, OWNER_A);
        repository.complete(List.of(claimed.get(0).ref(), claimed.get(1).ref()), at(11));
        repository.fail(claimed.get(2).ref(), "x", at(11));

        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(2, 1, 2, 1));
        assertThat(repository.countByStatus().total()).isEqualTo(6);
    }

    @Test
    final void oldestDueSinceIsTheEarliestDueTimeOfPendingEntries() {
        assertThat(repository.oldestDueSince(at(100))).as("empty store").isNull();
        NewQueueEntry completed =
                entry(order("completed"), HANDLER_1).createdAt(at(0)).build();
        NewQueueEntry processing =
                entry(order("processing"), HANDLER_1).createdAt(at(1)).build();
        NewQueueEntry retried =
                entry(order("retried"), HANDLER_2).createdAt(at(2)).build();
        repository.enqueue(List.of(completed, processing, retried));
        List<ClaimedEntry> claimed = claimAll(at(3), OWNER_A);
        assertThat(claimed).hasSize(3);
        repository.complete(List.of(refOf(claimed, completed)), at(4));
        repository.reschedule(refOf(claimed, retried), at(40), "boom", at(4));
        NewQueueEntry fresh = entry(order("fresh"), HANDLER_1).createdAt(at(20)).build();
        repository.enqueue(List.of(fresh));

        assertThat(repository.oldestDueSince(at(30)))
                .as("only the fresh entry is due")
                .isEqualTo(at(20));
        assertThat(repository.oldestDueSince(at(50))).isEqualTo(at(20));
        assertThat(claim(at(51), 1, false, Set.of(HANDLER_1), OWNER_A))
                .extracting(ClaimedEntry::id)
                .containsExactly(fresh.id());
        assertThat(repository.oldestDueSince(at(39)))
                .as("the retry is not due yet")
                .isNull();
        assertThat(repository.oldestDueSince(at(50)))
                .as("a retry counts from its nextRetryAt, not its creation")
                .isEqualTo(at(40));
    }

    @Test
    final void findFailedListsOldestFailureFirst() {
        List<ClaimedEntry> claimed = enqueueAndClaim(4, 1);
        repository.fail(claimed.get(2).ref(), "third created, failed first", at(10));
        repository.fail(claimed.get(0).ref(), "first created, failed second", at(11));
        repository.fail(claimed.get(3).ref(), "last created, failed third", at(12));

        assertThat(repository.findFailed(10))
                .extracting(QueueEntry::id)
                .containsExactly(
                        claimed.get(2).id(), claimed.get(0).id(), claimed.get(3).id());
        assertThat(repository.findFailed(2))
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(2).id(), claimed.get(0).id());
        assertThat(repository.findFailed(10))
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(EntryStatus.FAILED));
    }

    @Test
    final void findFailedByErrorPrefixMatchesTheBeginningLiterally() {
        List<ClaimedEntry> claimed = enqueueAndClaim(5, 1);
        repository.fail(claimed.get(0).ref(), "Unreadable event: 100% broken_payload", at(10));
        repository.fail(claimed.get(1).ref(), "handler threw: Unreadable event: not this one", at(11));
        repository.fail(claimed.get(2).ref(), "Unreadable event: unknown type", at(12));
        repository.fail(claimed.get(3).ref(), "Unreadable eventX: wildcards are literal", at(13));
        repository.reschedule(claimed.get(4).ref(), at(40), "Unreadable event: but pending", at(14));

        assertThat(repository.findFailed(10, QueueEntry.UNREADABLE_ERROR_PREFIX))
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(0).id(), claimed.get(2).id());
        assertThat(repository.findFailed(1, QueueEntry.UNREADABLE_ERROR_PREFIX))
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(0).id());
        assertThat(repository.findFailed(10, "Unreadable event: 100% broken_"))
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(0).id());
        assertThat(repository.findFailed(10, "Unreadable event: 1_0%"))
                .as("%% and _ match only themselves")
                .isEmpty();
        assertThat(repository.findFailed(10, QueueEntry.UNREADABLE_ERROR_PREFIX))
                .allSatisfy(e -> assertThat(e.isUnreadable()).isTrue());
    }

    @Test
    final void findByEventIdReturnsAllEntriesOfOneEventOldestFirst() {
        OrderPlacedEvent event = order("o-1");
        OrderPlacedEvent other = order("o-2");
        repository.enqueue(List.of(
                entry(event, HANDLER_2).createdAt(at(5)).build(),
                entry(other, HANDLER_1).createdAt(at(1)).build()));
        repository.enqueue(List.of(
                entry(event, HANDLER_1).createdAt(at(7)).build(),
                entry(event, BG_HANDLER).background().createdAt(at(3)).build()));

        assertThat(repository.findByEventId(event.getEventId()))
                .extracting(QueueEntry::handlerName)
                .containsExactly(BG_HANDLER, HANDLER_2, HANDLER_1);
        assertThat(repository.findByEventId(UUID.randomUUID())).isEmpty();
    }

    @Test
    final void retryFailedTakesOldestFailuresFirstAndResetsAttempts() {
        List<ClaimedEntry> claimed = enqueueAndClaim(3, 2);
        repository.fail(claimed.get(1).ref(), "failed first", at(10));
        repository.fail(claimed.get(2).ref(), "failed second", at(11));
        repository.fail(claimed.get(0).ref(), "failed third", at(12));

        List<QueueEntry> retried = repository.retryFailed(2, at(20));

        assertThat(retried)
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(1).id(), claimed.get(2).id());
        assertThat(retried).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(e.attempts()).isZero();
        });
        QueueEntry stored = repository.findByEventId(claimed.get(1).eventId()).get(0);
        assertThat(stored.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.error()).as("kept for reference").isEqualTo("failed first");
        assertThat(stored.nextRetryAt()).as("due at once").isNull();
        assertThat(repository.oldestDueSince(at(30)))
                .as("a retry by hand is due since it was made, not since the entry was created")
                .isEqualTo(at(20));
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(2, 0, 0, 1));
        assertThat(repository.findFailed(10))
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(0).id());

        List<ClaimedEntry> again = claimAll(at(21), OWNER_B);
        assertThat(again).hasSize(2).allSatisfy(c -> {
            assertThat(c.attempt()).as("full attempts again").isEqualTo(1);
            assertThat(c.isLastAttempt()).isFalse();
        });
        assertThat(repository.retryFailed(10, at(22)))
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(0).id());
        assertThat(repository.retryFailed(10, at(23))).isEmpty();
    }

    @Test
    final void deleteCompletedBeforeDeletesOnlyOldCompletedEntriesWithinTheLimit() {
        List<ClaimedEntry> claimed = enqueueAndClaim(6, 1);
        repository.complete(
                List.of(
                        claimed.get(0).ref(),
                        claimed.get(1).ref(),
                        claimed.get(2).ref()),
                at(10));
        repository.complete(List.of(claimed.get(3).ref()), at(50));
        repository.fail(claimed.get(4).ref(), "failed long ago", at(5));
        // claimed.get(5) stays processing
        if (repository.findByEventId(claimed.get(0).eventId()).isEmpty()) {
            // This store forgets completed entries at once: cleanup has nothing to delete.
            assertThat(repository.deleteCompletedBefore(at(1000), 10)).isEmpty();
            assertThat(repository.countByStatus().failed()).isEqualTo(1);
            assertThat(repository.countByStatus().processing()).isEqualTo(1);
            return;
        }

        List<QueueEntry> firstChunk = repository.deleteCompletedBefore(at(50), 2);
        assertThat(firstChunk).hasSize(2).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EntryStatus.COMPLETED);
            assertThat(e.updatedAt()).isEqualTo(at(10));
        });
        List<QueueEntry> rest = repository.deleteCompletedBefore(at(50), 2);
        assertThat(rest).as("cutoff is exclusive: completed at 50 stays").hasSize(1);
        assertThat(repository.deleteCompletedBefore(at(50), 2)).isEmpty();

        List<UUID> deleted =
                new ArrayList<>(firstChunk.stream().map(QueueEntry::id).toList());
        deleted.addAll(rest.stream().map(QueueEntry::id).toList());
        assertThat(deleted)
                .containsExactlyInAnyOrder(
                        claimed.get(0).id(), claimed.get(1).id(), claimed.get(2).id());
        for (int i = 0; i < 3; i++) {
            assertThat(repository.findByEventId(claimed.get(i).eventId())).isEmpty();
        }
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 1, 1, 1));
        assertThat(repository.deleteCompletedBefore(at(51), 10))
                .extracting(QueueEntry::id)
                .containsExactly(claimed.get(3).id());
    }

    private static ClaimRef refOf(List<ClaimedEntry> claimed, NewQueueEntry entry) {
        return claimed.stream()
                .filter(c -> c.id().equals(entry.id()))
                .findFirst()
                .orElseThrow()
                .ref();
    }

    // ---------------------------------------------------------------- round trips

    @Test
    final void credentialsAndTimestampsRoundTripToTheMillisecond() {
        SeatReservedEvent event = new SeatReservedEvent(
                UUID.randomUUID(),
                AMBIGUOUS_LOCAL_HOUR,
                "B-7",
                1,
                new SeatReservedEvent.Venue("Sala São Paulo", "São Paulo"),
                AMBIGUOUS_LOCAL_HOUR.plusMillis(1));
        Credentials candidate = new Credentials("candidate-ü-7", "CANDIDATE");
        Instant created = AMBIGUOUS_LOCAL_HOUR;
        Instant claimedAt = created.plusMillis(1);
        Instant leaseUntil = created.plus(Duration.ofMinutes(30)).plusMillis(7);
        repository.enqueue(List.of(entry(event, HANDLER_1)
                .credentials(candidate)
                .createdAt(created)
                .build()));

        ClaimedEntry claimed =
                claim(claimedAt, 10, false, ALL_HANDLERS, OWNER_A, leaseUntil).get(0);
        assertThat(claimed.credentials()).isEqualTo(candidate);
        assertThat(claimed.createdAt()).isEqualTo(created);
        assertThat(claimed.leaseExpiresAt()).isEqualTo(leaseUntil);
        assertThat(claimed.event().getOccurredAt()).isEqualTo(AMBIGUOUS_LOCAL_HOUR);
        assertThat(((SeatReservedEvent) claimed.event()).getShowStartsAt())
                .isEqualTo(AMBIGUOUS_LOCAL_HOUR.plusMillis(1));
        QueueEntry processing = repository.findByEventId(event.getEventId()).get(0);
        assertThat(processing.createdAt()).isEqualTo(created);
        assertThat(processing.updatedAt()).isEqualTo(claimedAt);
        assertThat(processing.leaseExpiresAt()).isEqualTo(leaseUntil);
        assertThat(processing.credentialsUserId()).isEqualTo("candidate-ü-7");
        assertThat(processing.credentialsRole()).isEqualTo("CANDIDATE");

        Instant retryAt = created.plusSeconds(1800).plusMillis(999);
        Instant failedAt = created.plusMillis(2);
        repository.reschedule(claimed.ref(), retryAt, "boom", failedAt);
        QueueEntry rescheduled = repository.findByEventId(event.getEventId()).get(0);
        assertThat(rescheduled.nextRetryAt()).isEqualTo(retryAt);
        assertThat(rescheduled.updatedAt()).isEqualTo(failedAt);
        assertThat(repository.oldestDueSince(retryAt)).isEqualTo(retryAt);
        assertThat(claim(retryAt.minusMillis(1), 10, false, ALL_HANDLERS, OWNER_A))
                .isEmpty();
        assertThat(claim(retryAt, 10, false, ALL_HANDLERS, OWNER_A))
                .singleElement()
                .satisfies(c -> assertThat(c.credentials()).isEqualTo(candidate));
    }

    @Test
    final void missingCredentialsAndPartialCredentialsRoundTrip() {
        OrderPlacedEvent anonymous = order("anonymous");
        OrderPlacedEvent roleless = order("roleless");
        repository.enqueue(List.of(
                entry(anonymous, HANDLER_1).createdAt(at(1)).build(),
                entry(roleless, HANDLER_1)
                        .credentials(new Credentials("user-1", null))
                        .createdAt(at(2))
                        .build()));

        List<ClaimedEntry> claimed = claimAll(at(3), OWNER_A);

        assertThat(claimed.get(0).credentials()).isNull();
        assertThat(claimed.get(1).credentials()).isEqualTo(new Credentials("user-1", null));
    }
}
