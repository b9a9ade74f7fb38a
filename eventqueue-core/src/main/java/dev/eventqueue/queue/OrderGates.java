package dev.eventqueue.queue;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-memory store's per-key order: for each handler and ordering key, its entries not yet
 * completed nor parked, in enqueue order. Only the head of a gate may be queued for claiming, so
 * the entries of one key start one at a time; a failed head keeps the others waiting. Only
 * touched under the store's lock.
 */
final class OrderGates {

    private record Key(String handlerName, String orderingKey) {}

    private final Map<Key, ArrayDeque<Slot>> gates = new HashMap<>();

    /** Adds an ordered entry at the end of its gate; whether it is the head (may be claimed now). */
    boolean admit(Slot slot) {
        ArrayDeque<Slot> gate = gates.computeIfAbsent(key(slot), k -> new ArrayDeque<>(4));
        gate.addLast(slot);
        return gate.size() == 1;
    }

    /**
     * Takes an ordered entry out of its gate (completed, parked or deleted).
     *
     * @return the entry that became the head and may now be queued, or {@code null}
     */
    Slot leave(Slot slot) {
        Key key = key(slot);
        ArrayDeque<Slot> gate = gates.get(key);
        if (gate == null) {
            return null;
        }
        boolean wasHead = gate.peekFirst() == slot;
        gate.remove(slot);
        if (gate.isEmpty()) {
            gates.remove(key);
            return null;
        }
        return wasHead ? gate.peekFirst() : null;
    }

    private static Key key(Slot slot) {
        return new Key(slot.handlerName, slot.orderingKey);
    }
}
