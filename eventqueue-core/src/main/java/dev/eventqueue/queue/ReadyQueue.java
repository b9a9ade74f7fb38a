package dev.eventqueue.queue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * Due entries of one handler and loop, in claim order. Entries nearly always arrive in claim
 * order (one handler has one priority, and enqueue times grow), so they go to a plain FIFO in
 * constant time; only an entry that sorts before the FIFO's tail (a retry or a released entry)
 * goes to a priority queue. The head is the smaller of the two heads.
 */
final class ReadyQueue {

    private final ArrayDeque<Slot> inOrder = new ArrayDeque<>();
    private final PriorityQueue<Slot> outOfOrder = new PriorityQueue<>(Slot::compareClaimOrder);

    void add(Slot slot) {
        Slot tail = inOrder.peekLast();
        if (tail == null || Slot.compareClaimOrder(tail, slot) <= 0) {
            inOrder.addLast(slot);
        } else {
            outOfOrder.add(slot);
        }
    }

    int size() {
        return inOrder.size() + outOfOrder.size();
    }

    boolean isEmpty() {
        return inOrder.isEmpty() && outOfOrder.isEmpty();
    }

    Slot peek() {
        Slot ordered = inOrder.peekFirst();
        Slot other = outOfOrder.peek();
        if (ordered == null || other == null) {
            return ordered != null ? ordered : other;
        }
        return Slot.compareClaimOrder(ordered, other) <= 0 ? ordered : other;
    }

    Slot poll() {
        Slot head = peek();
        if (head != null) {
            if (head == inOrder.peekFirst()) {
                inOrder.pollFirst();
            } else {
                outOfOrder.poll();
            }
        }
        return head;
    }

    /** Takes out one entry, wherever it is (an operator's purge; linear, and rare). */
    boolean remove(Slot slot) {
        return inOrder.remove(slot) || outOfOrder.remove(slot);
    }

    /** The earliest time an entry here became due, or {@code earliest} if that is earlier. */
    Instant earliestDueSince(Instant now, Instant earliest) {
        earliest = InMemoryEventQueueRepository.earliestDueSince(inOrder, now, earliest);
        return InMemoryEventQueueRepository.earliestDueSince(outOfOrder, now, earliest);
    }
}
