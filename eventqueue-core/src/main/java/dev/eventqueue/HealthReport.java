package dev.eventqueue;

import java.util.Map;

/**
 * The dispatcher's health. {@code details} holds: {@code store} ("reachable" or the error),
 * {@code running}, {@code processingLoop} and {@code backgroundLoop} (last poll age in ms, and
 * whether it is recent), {@code oldestDueAgeMs}, {@code failed}, and {@code reasons} when not UP.
 */
public record HealthReport(Status status, Map<String, Object> details) {

    public HealthReport {
        details = Map.copyOf(details);
    }

    public enum Status {
        /** Store reachable, loops polling, backlog fresh. */
        UP,
        /** Working, but the backlog is older than the threshold or a loop has not polled lately. */
        DEGRADED,
        /** The store cannot be reached, or a thread of the dispatcher has stopped. */
        DOWN
    }
}
