package dev.eventqueue.queue;

/** A registration for wake-ups from a shared store; closing it stops the calls. */
@FunctionalInterface
public interface WakeUpSubscription extends AutoCloseable {

    /** A subscription that never calls back, for stores that cannot notify. */
    WakeUpSubscription NONE = () -> {};

    @Override
    void close();
}
