package dev.eventqueue.example.handlers;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the example handlers did in this process: successful calls per handler, and the events
 * each handler gave up on ({@code onFailure}). Stands in for the side effects a real application
 * would have (a sheet prepared, a score written, a mail sent), so the demo and the tests can
 * show them. Thread-safe.
 */
public final class HandlerActivity {

    private final Map<String, AtomicLong> handled = new ConcurrentHashMap<>();
    private final Map<String, Set<UUID>> givenUp = new ConcurrentHashMap<>();

    void handled(String handlerName) {
        handled.computeIfAbsent(handlerName, name -> new AtomicLong()).incrementAndGet();
    }

    void gaveUp(String handlerName, UUID eventId) {
        givenUp.computeIfAbsent(handlerName, name -> ConcurrentHashMap.newKeySet())
                .add(eventId);
    }

    /** Successful {@code handle} calls of one handler. */
    public long handledBy(String handlerName) {
        AtomicLong count = handled.get(handlerName);
        return count == null ? 0 : count.get();
    }

    /** The events whose entry for this handler ended in {@code onFailure}. */
    public Set<UUID> gaveUpOn(String handlerName) {
        Set<UUID> events = givenUp.get(handlerName);
        return events == null ? Set.of() : Set.copyOf(events);
    }
}
