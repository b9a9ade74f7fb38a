package dev.eventqueue.dispatch;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.EventQueueRepository;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the running parts of one started dispatcher share. {@code clock} is the store's clock:
 * leases, due times and cutoffs are judged by it, never by the application's.
 */
record RuntimeContext(
        EventQueueConfig config,
        EventQueueRepository repository,
        HandlerRegistry handlers,
        Clock clock,
        Listeners listeners,
        Interceptors interceptors,
        RetryPolicy retryPolicy,
        String owner,
        AtomicBoolean stopping,
        StoreOutages outages,
        DueTimes dueTimes,
        HandlerCaps caps,
        ErrorText errorText) {

    boolean isStopping() {
        return stopping.get();
    }

    long leaseNanos() {
        return config.leaseDuration().toNanos();
    }
}
