package dev.eventqueue.dispatch;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.EventQueueRepository;
import java.time.Clock;

/** What the running parts of one started dispatcher share. */
record RuntimeContext(
        EventQueueConfig config,
        EventQueueRepository repository,
        HandlerRegistry handlers,
        Clock clock,
        Auditor auditor,
        Listeners listeners,
        RetryPolicy retryPolicy,
        String owner,
        java.util.concurrent.atomic.AtomicBoolean stopping) {

    boolean isStopping() {
        return stopping.get();
    }
}
