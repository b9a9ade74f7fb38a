package dev.eventqueue.queue;

import java.util.Map;

/**
 * One entry whole, as the store keeps it: its state, its event as stored and its headers.
 *
 * @param entry   the entry's state (status, attempts, error, times)
 * @param payload the event as stored: its JSON in a database store; in memory, where events are
 *     kept as objects, the event's {@code toString()}
 * @param headers the entry's headers (trace context and the like)
 */
public record StoredEntry(QueueEntry entry, String payload, Map<String, String> headers) {

    public StoredEntry {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
