package dev.eventqueue.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.nats.EntryView.Versioned;
import dev.eventqueue.queue.EntryStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order in which a claim tries its candidates, alone and beside other nodes. */
class ClaimAttemptOrderTest {

    private static List<Versioned> candidates(int count) {
        List<Versioned> ordered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID eventId = UUID.randomUUID();
            EntryState state = new EntryState(
                    UUID.randomUUID(),
                    eventId,
                    "T",
                    1,
                    "{}",
                    null,
                    null,
                    "h",
                    EntryStatus.PENDING,
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
            ordered.add(new Versioned(NatsEventQueueRepository.keyOf(eventId, "h"), state, i + 1));
        }
        return ordered;
    }

    @Test
    void aloneANodeTriesItsBatchFirstAndTheRestInOrder() {
        List<Versioned> ordered = candidates(50);

        List<Versioned> attempts = NatsEventQueueRepository.attemptOrder(ordered, 10, Set.of("a"), "a");

        assertThat(attempts).hasSize(50);
        assertThat(attempts.subList(0, 10)).containsExactlyInAnyOrderElementsOf(ordered.subList(0, 10));
        assertThat(attempts.subList(10, 50)).containsExactlyElementsOf(ordered.subList(10, 50));
    }

    @Test
    void nodesRunningEntriesTogetherTryDifferentEntriesOfTheFrontFirst() {
        List<Versioned> ordered = candidates(200);
        Set<String> claimers = new TreeSet<>(List.of("a", "b", "c"));
        int limit = 20;

        Set<Versioned> firstTries = new HashSet<>();
        int tried = 0;
        for (String owner : claimers) {
            List<Versioned> attempts = NatsEventQueueRepository.attemptOrder(ordered, limit, claimers, owner);
            assertThat(attempts).containsExactlyInAnyOrderElementsOf(ordered);
            assertThat(attempts.subList(60, 200))
                    .as("beyond the front, the queue's order")
                    .containsExactlyElementsOf(ordered.subList(60, 200));
            // A node's share of the front (limit x nodes): its first tries, in the queue's order.
            List<Versioned> share = attempts.subList(0, 60).stream()
                    .filter(v -> Math.floorMod(v.key().hashCode(), 3) == new ArrayList<>(claimers).indexOf(owner))
                    .toList();
            assertThat(attempts.subList(0, share.size())).containsExactlyElementsOf(share);
            assertThat(ordered.subList(0, 60)).containsAll(share);
            firstTries.addAll(share);
            tried += share.size();
        }
        assertThat(tried).as("shares do not overlap").isEqualTo(firstTries.size());
        assertThat(firstTries).as("together the shares cover the front").hasSize(60);
    }
}
