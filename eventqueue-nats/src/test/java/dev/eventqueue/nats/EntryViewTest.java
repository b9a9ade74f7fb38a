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
        view.applyWatchedDelete("k", 6);
        assertThat(view.all()).isEmpty();
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
}
