package dev.eventqueue.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a dispatcher asks {@link EventQueueRepository#claim} for.
 *
 * @param now          the dispatcher's clock; entries with {@code nextRetryAt} after it are not due
 * @param limit        the most entries to claim, at least 1
 * @param background   which loop claims: background entries or foreground ones
 * @param handlerNames only entries for these handlers (the ones this dispatcher can run)
 * @param owner        the claiming worker's id, written to each claimed entry
 * @param leaseUntil   lease expiry written to each claimed entry
 */
public record ClaimRequest(
        Instant now, int limit, boolean background, Set<String> handlerNames, String owner, Instant leaseUntil) {

    public ClaimRequest {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        handlerNames = Set.copyOf(handlerNames);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }
}
