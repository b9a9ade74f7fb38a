package dev.eventqueue.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.EntryStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** This node's copy of the bucket when its own writes and the watch arrive in either order. */
class EntryViewTest {

    private static EntryState state(UUID id, EntryStatus status) {
        return new EntryState(
                id,
                UUID.randomUUID(),
                "T",
                1,
                "{}",
                null,
                null,
                "h",
                status,
                0,
                3,
                100,
                false,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                null,
                Map.of(),
                null,
                null,
                0,
                null);
    }

    @Test
    void aValueThisNodeDeletedDoesNotComeBackWhenTheWatchDeliversItLate() {
        EntryView view = new EntryView();
        UUID id = UUID.randomUUID();
        view.applyOwn("k", state(id, EntryStatus.FAILED), 5);
        view.applyOwnDelete("k", 5);

        view.applyWatched("k", state(id, EntryStatus.FAILED), 5);

        assertThat(view.get("k")).isNull();
        assertThat(view.byId(id)).isNull();
        view.applyWatchedDelete("k", 6, false);
        assertThat(view.open()).isEmpty();
    }

    @Test
    void theWatchDeliveringAnOwnWriteIsRecognizedByItsRevision() {
        EntryView view = new EntryView();
        UUID id = UUID.randomUUID();
        EntryState own = state(id, EntryStatus.PENDING);
        view.applyOwn("k", own, 7);

        assertThat(view.watchedKnown("k", 6)).isNull();
        assertThat(view.watchedKnown("other", 7)).isNull();
        assertThat(view.watchedKnown("k", 7))
                .isNotNull()
                .extracting(EntryView.Versioned::state)
                .isSameAs(own);
        // The watch has reached revision 7: a late confirmation of an older own write changes nothing.
        view.applyOwn("k", state(id, EntryStatus.PROCESSING), 7);
        assertThat(view.get("k").state()).isSameAs(own);
    }

    @Test
    void aCompletionIsForgottenAndCountedAtOnceAndNotAgainWhenTheWatchDeliversIt() {
        EntryView view = new EntryView();
        view.loaded();
        UUID id = UUID.randomUUID();
        view.applyWatched("e.x.h1", state(id, EntryStatus.PENDING), 1);
        view.applyOwn("e.x.h1", state(id, EntryStatus.PROCESSING), 2);
        view.applyOwn("e.x.h1", state(id, EntryStatus.COMPLETED), 3);

        assertThat(view.open()).isEmpty();
        assertThat(view.byId(id)).isNull();
        assertThat(view.completedCount())
                .as("a node reads its own completion at once")
                .isEqualTo(1);

        view.applyWatched("e.x.h1", state(id, EntryStatus.PROCESSING), 2);
        assertThat(view.open())
                .as("an older value does not bring the entry back")
                .isEmpty();
        assertThat(view.watchedKnown("e.x.h1", 3)).isNotNull();
        view.applyWatched("e.x.h1", state(id, EntryStatus.COMPLETED), 3);

        assertThat(view.completedCount()).isEqualTo(1);
        assertThat(view.completedByHandler()).isEqualTo(Map.of("h", 1L));
    }

    @Test
    void onlyAPurgeOfACompletedKeyAfterTheWatchLoadedLowersTheCount() {
        EntryView view = new EntryView();
        view.applyWatched("e.a.h1", state(UUID.randomUUID(), EntryStatus.COMPLETED), 1);
        view.applyWatched("e.b.h1", state(UUID.randomUUID(), EntryStatus.COMPLETED), 2);
        view.applyWatchedDelete("e.c.h1", 3, true); // loading: its completion was purged before the watch started
        view.loaded();
        assertThat(view.completedCount()).isEqualTo(2);

        view.applyWatchedDelete("e.a.h1", 4, false);
        assertThat(view.completedCount()).as("a delete marker is not a cleanup").isEqualTo(2);
        view.applyWatchedDelete("e.b.h1", 5, true);
        view.applyWatchedDelete("e.b.h1", 5, true);
        assertThat(view.completedCount()).as("one purge, delivered twice").isEqualTo(1);
        view.applyWatchedDelete("e.d.h1", 6, true);
        view.applyWatchedDelete("e.e.h1", 7, true);
        assertThat(view.completedCount()).as("never below zero").isZero();
        assertThat(view.completedByHandler()).isEmpty();
    }

    @Test
    void aPurgeOfAnUnfinishedEntryRemovesItWithoutTouchingTheCount() {
        EntryView view = new EntryView();
        view.applyWatched("e.a.h1", state(UUID.randomUUID(), EntryStatus.COMPLETED), 1);
        view.applyWatched("e.b.h1", state(UUID.randomUUID(), EntryStatus.FAILED), 2);
        view.loaded();

        view.applyWatchedDelete("e.b.h1", 3, true);

        assertThat(view.open()).isEmpty();
        assertThat(view.completedCount()).isEqualTo(1);
    }

    @Test
    void thisNodesPurgeCountsAtOnceAndNotAgainWhenTheWatchBringsItOrTheCompletionBeforeIt() {
        EntryView view = new EntryView();
        view.loaded();
        UUID own = UUID.randomUUID();
        UUID watchedFirst = UUID.randomUUID();
        UUID notYetWatched = UUID.randomUUID();
        view.applyWatched("e.w.h1", state(watchedFirst, EntryStatus.COMPLETED), 1);
        view.applyOwn("e.o.h1", state(own, EntryStatus.COMPLETED), 2);
        assertThat(view.completedCount()).isEqualTo(2);

        // Purged by this node: one the watch counted, one this node completed, one not counted yet.
        view.applyOwnPurge(new EntryView.Versioned("e.w.h1", state(watchedFirst, EntryStatus.COMPLETED), 1), 4);
        view.applyOwnPurge(new EntryView.Versioned("e.o.h1", state(own, EntryStatus.COMPLETED), 2), 5);
        view.applyOwnPurge(new EntryView.Versioned("e.n.h1", state(notYetWatched, EntryStatus.COMPLETED), 3), 6);
        assertThat(view.completedCount()).isZero();

        view.applyWatched("e.o.h1", state(own, EntryStatus.COMPLETED), 2);
        view.applyWatched("e.n.h1", state(notYetWatched, EntryStatus.COMPLETED), 3);
        view.applyWatchedDelete("e.w.h1", 4, true);
        view.applyWatchedDelete("e.o.h1", 5, true);
        view.applyWatchedDelete("e.n.h1", 6, true);
        assertThat(view.completedCount()).isZero();
        assertThat(view.open()).isEmpty();
    }
}
