package dev.eventqueue;

import java.util.Map;

/**
 * The dispatcher's health. {@code details} holds: {@code store} ("reachable" or the error),
 * {@code running}, {@code processingLoop} and {@code backgroundLoop} (last poll age in ms, and
 * whether it is recent), {@code oldestDueAgeMs} (how long the oldest due entry has been due: counted
 * from its due time, its retry time or when it was last made pending, never from its creation),
 * {@code failed}, {@code runningNodes} (dispatchers that announced themselves to the store),
 * {@code orphans} (pending entries per handler that no running dispatcher has; left out while no
 * dispatcher runs), {@code stoppedThreads} (threads of the dispatcher or of the store, such as an
 * outbox relay, that should run and have ended, by role), and {@code reasons} when not UP.
 */
public record HealthReport(Status status, Map<String, Object> details) {

    public HealthReport {
        details = Map.copyOf(details);
    }

    public enum Status {
        /** Store reachable, loops polling, backlog fresh. */
        UP,
        /**
         * Working, but the backlog is older than the threshold, a loop has not polled lately, or
         * entries wait for handlers no running dispatcher has.
         */
        DEGRADED,
        /** The store cannot be reached, or a thread of the dispatcher or of the store has stopped. */
        DOWN
    }
}
