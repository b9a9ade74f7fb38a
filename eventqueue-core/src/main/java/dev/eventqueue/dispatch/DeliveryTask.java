package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimedEntry;

/**
 * One claimed entry waiting for a worker thread. Ordered foreground first, then claim order.
 */
final class DeliveryTask implements Runnable, Comparable<DeliveryTask> {

    private final ClaimedEntry entry;
    private final boolean background;
    private final long sequence;
    private final Delivery delivery;
    private final Runnable onStart;

    private DeliveryTask(ClaimedEntry entry, boolean background, long sequence, Delivery delivery, Runnable onStart) {
        this.entry = entry;
        this.background = background;
        this.sequence = sequence;
        this.delivery = delivery;
        this.onStart = onStart;
    }

    static Factory of(ClaimedEntry entry, boolean background, Delivery delivery, Runnable onStart) {
        return sequence -> new DeliveryTask(entry, background, sequence, delivery, onStart);
    }

    ClaimedEntry entry() {
        return entry;
    }

    /** Called when the task is taken back before it started. */
    void abandon() {
        onStart.run();
    }

    @Override
    public void run() {
        onStart.run();
        delivery.run(entry);
    }

    @Override
    public int compareTo(DeliveryTask other) {
        if (background != other.background) {
            return background ? 1 : -1;
        }
        return Long.compare(sequence, other.sequence);
    }

    @FunctionalInterface
    interface Factory {
        DeliveryTask create(long sequence);
    }
}
