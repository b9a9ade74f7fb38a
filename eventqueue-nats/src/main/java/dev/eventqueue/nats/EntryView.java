package dev.eventqueue.nats;

import dev.eventqueue.queue.EntryStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's copy of the unfinished entries of the entry bucket, kept current by a watch on the
 * bucket and by this node's own writes (applied as soon as the server confirmed them, so a node
 * reads its own writes at once). Every value carries the revision it was written at; an older
 * revision never replaces a newer one, whichever path brings it first. Reads are lock-free;
 * changes are serialized.
 *
 * <p>Completed entries are not held: the copy forgets an entry as it completes and only counts it,
 * by handler, so a node's memory follows its backlog, not the bucket's retention. A completion
 * counts once, when it is first applied (this node's own write, or the watch bringing another
 * node's); the purge that cleanup writes over a completed key takes it out again, also once. The values
 * themselves stay on the server until cleanup, where queries about completed entries read them.
 */
final class EntryView {

    /** One entry's value and the revision it was written at. */
    record Versioned(String key, EntryState state, long revision) {

        /** The entry's place in enqueue order. */
        long seq() {
            return state.seq() != null ? state.seq() : revision;
        }
    }

    /** The entries that are not completed, by key: claims, recovery and queries read here. */
    private final Map<String, Versioned> open = new ConcurrentHashMap<>();

    private final Map<UUID, String> keyById = new ConcurrentHashMap<>();
    /** Keys this node deleted at a revision the watch has not reached yet: no older value comes back. */
    private final Map<String, Long> deletedUpTo = new HashMap<>();
    /**
     * Completions applied before the watch delivered them (this node's own, or read after a
     * conflict): forgotten and counted already, they keep older values out until the watch
     * brings them.
     */
    private final Map<String, Versioned> completedAhead = new HashMap<>();
    /**
     * Completed keys this node purged, with the purge's revision, until the watch brings it: the
     * purge was counted already, and the completion it removed is not to be counted any more.
     */
    private final Map<String, Long> purgedAhead = new HashMap<>();
    /** Completed entries in the bucket, by handler. */
    private final Map<String, Long> completedByHandler = new ConcurrentHashMap<>();
    /** The handler behind each key's last part (a hash of its name), for the purges of forgotten keys. */
    private final Map<String, String> handlerByKeySuffix = new ConcurrentHashMap<>();
    /** The highest revision the watch has delivered. */
    private long watched;
    /** Whether the watch has delivered the bucket's values as they were when it started. */
    private boolean loaded;

    Versioned get(String key) {
        return open.get(key);
    }

    Versioned byId(UUID id) {
        String key = keyById.get(id);
        return key == null ? null : open.get(key);
    }

    Collection<Versioned> open() {
        return open.values();
    }

    long completedCount() {
        long count = 0;
        for (long c : completedByHandler.values()) {
            count += c;
        }
        return count;
    }

    Map<String, Long> completedByHandler() {
        return new TreeMap<>(completedByHandler);
    }

    /** The last parts of the keys of every handler with completed entries (see {@code keyOf}). */
    Set<String> completedKeySuffixes() {
        return Set.copyOf(handlerByKeySuffix.keySet());
    }

    /** The watch has delivered every value of the bucket as it was when the watch started. */
    synchronized void loaded() {
        loaded = true;
    }

    /** A value confirmed by the server to this node's own write (or read from the server). */
    synchronized void applyOwn(String key, EntryState state, long revision) {
        if (revision <= watched) {
            return; // the watch brought this revision or a later one already
        }
        if (state.status() != EntryStatus.COMPLETED) {
            put(key, state, revision);
            return;
        }
        Versioned current = open.get(key);
        if (current != null && current.revision() >= revision) {
            return;
        }
        if (current != null) {
            remove(current);
        }
        Versioned ahead = completedAhead.get(key);
        if (ahead == null) {
            countCompleted(key, state.handlerName());
        }
        if (ahead == null || ahead.revision() < revision) {
            completedAhead.put(key, new Versioned(key, state, revision));
        }
    }

    /** A delete this node made over {@code revision}. */
    synchronized void applyOwnDelete(String key, long revision) {
        Versioned current = open.get(key);
        if (current != null && current.revision() <= revision) {
            remove(current);
        }
        if (revision > watched) {
            deletedUpTo.put(key, revision);
        }
    }

    /** This node purged {@code completed}, a completed entry read from the server, at {@code revision}. */
    synchronized void applyOwnPurge(Versioned completed, long revision) {
        if (revision <= watched) {
            return; // the watch brought the purge already
        }
        String key = completed.key();
        Versioned ahead = completedAhead.remove(key);
        boolean counted =
                completed.revision() <= watched || (ahead != null && ahead.revision() == completed.revision());
        if (counted) {
            uncountCompleted(completed.state().handlerName());
        }
        purgedAhead.put(key, revision);
    }

    /** A value the watch delivered. */
    synchronized void applyWatched(String key, EntryState state, long revision) {
        if (revision <= watched) {
            return; // delivered before
        }
        Long purged = purgedAhead.get(key);
        if (purged != null && revision < purged) {
            advance(revision);
            return; // purged by this node already, which counted it as gone
        }
        // Looked up before advancing, which forgets the deletes up to this revision: the value
        // this node deleted must not come back when the watch delivers it after the delete.
        Long deleted = deletedUpTo.get(key);
        Versioned ahead = completedAhead.get(key);
        advance(revision);
        if (state.status() == EntryStatus.COMPLETED && (ahead == null || ahead.revision() != revision)) {
            countCompleted(key, state.handlerName());
        }
        if (deleted != null && revision <= deleted) {
            return;
        }
        put(key, state, revision);
    }

    /**
     * The watch delivered {@code revision} of {@code key}: when this copy holds that very revision
     * already (a write of this node, applied when the server confirmed it), it is returned and the
     * watch need not read the value again; otherwise null, and the value is to be applied.
     */
    synchronized Versioned watchedKnown(String key, long revision) {
        Versioned known = open.get(key);
        if (known == null || known.revision() != revision) {
            known = completedAhead.get(key);
            if (known == null || known.revision() != revision) {
                return null;
            }
            completedAhead.remove(key); // counted when it was applied
        }
        advance(revision);
        return known;
    }

    /**
     * A delete the watch delivered; {@code purge} when it is the purge cleanup writes over a
     * completed key, which takes the entry out of the completed count.
     */
    synchronized void applyWatchedDelete(String key, long revision, boolean purge) {
        if (revision <= watched) {
            return; // delivered before
        }
        completedAhead.remove(key);
        Long purged = purgedAhead.remove(key);
        advance(revision);
        if (purged != null && purged == revision) {
            return; // this node's own purge, counted when it was written
        }
        Versioned current = open.get(key);
        if (current != null) {
            if (current.revision() < revision) {
                remove(current);
            }
        } else if (purge && loaded) {
            // While the watch loads, a purged key shows only its purge: its completion was never counted.
            String handler = handlerByKeySuffix.get(suffix(key));
            if (handler != null) {
                uncountCompleted(handler);
            }
        }
    }

    private void uncountCompleted(String handlerName) {
        completedByHandler.computeIfPresent(handlerName, (h, count) -> count > 1 ? count - 1 : null);
    }

    private void countCompleted(String key, String handlerName) {
        handlerByKeySuffix.putIfAbsent(suffix(key), handlerName);
        completedByHandler.merge(handlerName, 1L, Long::sum);
    }

    private static String suffix(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private void advance(long revision) {
        if (revision > watched) {
            watched = revision;
            if (!deletedUpTo.isEmpty()) {
                deletedUpTo.values().removeIf(deleted -> deleted <= revision);
            }
            if (!completedAhead.isEmpty()) {
                // Passed without being delivered: deleted before the watch reached it.
                completedAhead.values().removeIf(ahead -> ahead.revision() <= revision);
            }
            if (!purgedAhead.isEmpty()) {
                purgedAhead.values().removeIf(purged -> purged <= revision);
            }
        }
    }

    private void put(String key, EntryState state, long revision) {
        Versioned current = open.get(key);
        if (current != null && current.revision() >= revision) {
            return;
        }
        Versioned ahead = completedAhead.get(key);
        if (ahead != null && ahead.revision() >= revision) {
            return;
        }
        if (current != null && !current.state().id().equals(state.id())) {
            keyById.remove(current.state().id());
        }
        if (state.status() == EntryStatus.COMPLETED) {
            if (current != null) {
                remove(current);
            }
            return;
        }
        open.put(key, new Versioned(key, state, revision));
        keyById.put(state.id(), key);
    }

    private void remove(Versioned current) {
        open.remove(current.key());
        keyById.remove(current.state().id());
    }

    /** The first unfinished entry of each ordered handler and key: the only one of its key that may start. */
    Map<String, Long> orderHeads() {
        Map<String, Long> heads = new HashMap<>();
        for (Versioned v : open.values()) {
            EntryState s = v.state();
            if (s.orderingKey() != null) {
                heads.merge(orderKey(s), v.seq(), Math::min);
            }
        }
        return heads;
    }

    static String orderKey(EntryState s) {
        return s.handlerName() + '\u0000' + s.orderingKey();
    }

    List<Versioned> snapshotOpen() {
        return List.copyOf(open.values());
    }
}
