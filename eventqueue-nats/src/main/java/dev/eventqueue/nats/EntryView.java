package dev.eventqueue.nats;

import dev.eventqueue.queue.EntryStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's copy of the entry bucket, kept current by a watch on the bucket and by this node's
 * own writes (applied as soon as the server confirmed them, so a node reads its own writes at
 * once). Every value carries the revision it was written at; an older revision never replaces a
 * newer one, whichever path brings it first. Reads are lock-free; changes are serialized.
 */
final class EntryView {

    /** One entry's value and the revision it was written at. */
    record Versioned(String key, EntryState state, long revision) {

        /** The entry's place in enqueue order. */
        long seq() {
            return state.seq() != null ? state.seq() : revision;
        }
    }

    private final Map<String, Versioned> byKey = new ConcurrentHashMap<>();
    /** The entries that are not completed: claims, recovery and most queries look only here. */
    private final Map<String, Versioned> open = new ConcurrentHashMap<>();

    private final Map<UUID, String> keyById = new ConcurrentHashMap<>();
    /** Keys this node deleted at a revision the watch has not reached yet: no older value comes back. */
    private final Map<String, Long> deletedUpTo = new HashMap<>();
    /** The highest revision the watch has delivered. */
    private long watched;

    Versioned get(String key) {
        return byKey.get(key);
    }

    Versioned byId(UUID id) {
        String key = keyById.get(id);
        return key == null ? null : byKey.get(key);
    }

    Collection<Versioned> all() {
        return byKey.values();
    }

    Collection<Versioned> open() {
        return open.values();
    }

    /** A value confirmed by the server to this node's own write. */
    synchronized void applyOwn(String key, EntryState state, long revision) {
        if (revision <= watched) {
            return; // the watch brought this revision or a later one already
        }
        put(key, state, revision);
    }

    /** A delete this node made over {@code revision}. */
    synchronized void applyOwnDelete(String key, long revision) {
        Versioned current = byKey.get(key);
        if (current != null && current.revision() <= revision) {
            remove(current);
        }
        if (revision > watched) {
            deletedUpTo.put(key, revision);
        }
    }

    /** A value the watch delivered. */
    synchronized void applyWatched(String key, EntryState state, long revision) {
        // Looked up before advancing, which forgets the deletes up to this revision: the value
        // this node deleted must not come back when the watch delivers it after the delete.
        Long deleted = deletedUpTo.get(key);
        advance(revision);
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
        Versioned current = byKey.get(key);
        if (current == null || current.revision() != revision) {
            return null;
        }
        advance(revision);
        return current;
    }

    /** A delete the watch delivered. */
    synchronized void applyWatchedDelete(String key, long revision) {
        advance(revision);
        Versioned current = byKey.get(key);
        if (current != null && current.revision() < revision) {
            remove(current);
        }
    }

    private void advance(long revision) {
        if (revision > watched) {
            watched = revision;
            if (!deletedUpTo.isEmpty()) {
                deletedUpTo.values().removeIf(deleted -> deleted <= revision);
            }
        }
    }

    private void put(String key, EntryState state, long revision) {
        Versioned current = byKey.get(key);
        if (current != null && current.revision() >= revision) {
            return;
        }
        if (current != null && !current.state().id().equals(state.id())) {
            keyById.remove(current.state().id());
        }
        Versioned next = new Versioned(key, state, revision);
        byKey.put(key, next);
        keyById.put(state.id(), key);
        if (state.status() == EntryStatus.COMPLETED) {
            open.remove(key);
        } else {
            open.put(key, next);
        }
    }

    private void remove(Versioned current) {
        byKey.remove(current.key());
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
