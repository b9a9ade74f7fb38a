package dev.eventqueue.queue;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An entry a worker now holds, with its event read back.
 *
 * @param claimToken     the token of this claim: every write about the entry names it
 * @param attempt        this attempt's number (1 on the first try), already counted in the store;
 *                       above {@code maxAttempts} when the entry's attempts were used up by a worker
 *                       that was lost, so that only its failure remains to be handled
 * @param leaseExpiresAt when the lease this claim took runs out, by the store's clock
 * @param headers        what travelled with the entry from its publish (trace context and the like)
 * @param previousError  the error the previous attempt recorded, or {@code null}
 * @param event          the event, or {@code null} when it could not be read
 * @param payloadError   why the event could not be read (unknown type, broken payload), else {@code null}
 */
public record ClaimedEntry(
        UUID id,
        long claimToken,
        UUID eventId,
        String eventType,
        String aggregateId,
        String handlerName,
        int attempt,
        int maxAttempts,
        Credentials credentials,
        Instant createdAt,
        Instant leaseExpiresAt,
        Map<String, String> headers,
        String previousError,
        DomainEvent event,
        String payloadError) {

    public ClaimedEntry {
        Objects.requireNonNull(id, "id");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ClaimRef ref() {
        return new ClaimRef(id, claimToken);
    }

    public boolean isReadable() {
        return event != null;
    }

    /** Whether a failure of this attempt is the last one allowed. */
    public boolean isLastAttempt() {
        return attempt >= maxAttempts;
    }

    /** Whether no attempt is left to run: a lost worker used the last one up. */
    public boolean isExhausted() {
        return attempt > maxAttempts;
    }
}
