package dev.eventqueue.queue;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An entry a worker now holds, with its event read back.
 *
 * @param attempt      this attempt's number (1 on the first try), already counted in the store
 * @param event        the event, or {@code null} when it could not be read
 * @param payloadError why the event could not be read (unknown type, broken payload), else {@code null}
 */
public record ClaimedEntry(
        UUID id,
        UUID eventId,
        String eventType,
        String handlerName,
        int attempt,
        int maxAttempts,
        Credentials credentials,
        Instant createdAt,
        DomainEvent event,
        String payloadError) {

    public boolean isReadable() {
        return event != null;
    }

    /** Whether a failure of this attempt is the last one allowed. */
    public boolean isLastAttempt() {
        return attempt >= maxAttempts;
    }
}
