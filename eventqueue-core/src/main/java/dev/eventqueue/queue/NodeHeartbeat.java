package dev.eventqueue.queue;

import java.time.Instant;
import java.util.Set;

/**
 * A running dispatcher as it announces itself to the store: which handlers it runs, and when it
 * was last heard of (by the store's clock). Operators use it to tell orphaned entries (whose
 * handler no running node has) from entries that merely wait.
 *
 * @param owner    the dispatcher's owner id (the one its claims carry)
 * @param handlers the names of the handlers it runs
 * @param seenAt     when it last announced itself
 * @param aliveUntil until when it counts as running without announcing itself again (a few of
 *     its heartbeat periods): a node that crashed stops counting after that
 */
public record NodeHeartbeat(String owner, Set<String> handlers, Instant seenAt, Instant aliveUntil) {

    public NodeHeartbeat {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        handlers = Set.copyOf(handlers);
        if (aliveUntil.isBefore(seenAt)) {
            throw new IllegalArgumentException("aliveUntil " + aliveUntil + " is before seenAt " + seenAt);
        }
    }
}
