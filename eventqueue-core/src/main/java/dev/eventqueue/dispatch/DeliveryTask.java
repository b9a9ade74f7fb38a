package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimedEntry;
import java.util.function.IntConsumer;

/** One claimed entry waiting for a worker thread; gives its room back when it starts or is taken back. */
final class DeliveryTask implements Runnable {

    private final ClaimedEntry entry;
    private final Delivery delivery;
    private final IntConsumer room;

    DeliveryTask(ClaimedEntry entry, Delivery delivery, IntConsumer room) {
        this.entry = entry;
        this.delivery = delivery;
        this.room = room;
    }

    ClaimedEntry entry() {
        return entry;
    }

    /** Called when the task is taken back before it started. */
    void abandon() {
        room.accept(1);
    }

    @Override
    public void run() {
        room.accept(1);
        delivery.run(entry);
    }
}
