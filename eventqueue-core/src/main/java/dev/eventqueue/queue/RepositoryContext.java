package dev.eventqueue.queue;

import dev.eventqueue.serialization.EventTypeRegistry;
import java.util.Objects;

/**
 * What a dispatcher hands its store once, when it is built: the store needs it to read events
 * back and to refuse what it must not write.
 *
 * @param eventTypes      the event classes the dispatcher knows, by type name; the only classes a
 *                        store may instantiate when it reads events back. Filled further as the
 *                        dispatcher publishes new classes.
 * @param maxPayloadBytes the largest serialized event (UTF-8 bytes) a store that serializes events
 *                        accepts; a larger one fails the whole enqueue with an
 *                        {@link IllegalArgumentException} naming its type, its size and the limit
 */
public record RepositoryContext(EventTypeRegistry eventTypes, int maxPayloadBytes) {

    public RepositoryContext {
        Objects.requireNonNull(eventTypes, "eventTypes");
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 1, was " + maxPayloadBytes);
        }
    }
}
