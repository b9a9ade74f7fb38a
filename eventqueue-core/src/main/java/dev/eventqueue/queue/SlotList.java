package dev.eventqueue.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * An intrusive doubly linked list of slots in the order they were added: constant-time add and
 * remove without hashing or allocation, which a set of a million entries would cost on every move.
 */
final class SlotList {

    private Slot head;
    private Slot tail;
    private int size;

    void add(Slot slot) {
        slot.list = this;
        slot.previous = tail;
        slot.next = null;
        if (tail == null) {
            head = slot;
        } else {
            tail.next = slot;
        }
        tail = slot;
        size++;
    }

    void remove(Slot slot) {
        if (slot.list != this) {
            return;
        }
        if (slot.previous == null) {
            head = slot.next;
        } else {
            slot.previous.next = slot.next;
        }
        if (slot.next == null) {
            tail = slot.previous;
        } else {
            slot.next.previous = slot.previous;
        }
        slot.list = null;
        slot.previous = null;
        slot.next = null;
        size--;
    }

    int size() {
        return size;
    }

    /** The first slot, oldest addition first; walk on with {@link Slot#next}. */
    Slot first() {
        return head;
    }

    List<Slot> toList() {
        List<Slot> slots = new ArrayList<>(size);
        for (Slot slot = head; slot != null; slot = slot.next) {
            slots.add(slot);
        }
        return slots;
    }
}
