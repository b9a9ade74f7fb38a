package dev.eventqueue.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a dispatcher asks {@link EventQueueRepository#claim} for. Every instant is read from the
 * store's own {@link EventQueueRepository#clock()}.
 *
 * @param now          entries with {@code nextRetryAt} after it are not due
 * @param limit        the most entries to claim, at least 1
 * @param loop         which loop claims: background entries or foreground ones
 * @param handlerNames only entries for these handlers (the ones this dispatcher can run)
 * @param owner        the claiming worker's id, written to each claimed entry
 * @param leaseUntil   lease expiry written to each claimed entry
 * @param agedBefore   entries that became due before this instant are claimed before all others,
 *                     oldest first, whatever their priority (priority aging); {@code null} for none
 */
public record ClaimRequest(
        Instant now,
        int limit,
        Loop loop,
        Set<String> handlerNames,
        String owner,
        Instant leaseUntil,
        Instant agedBefore) {

    public ClaimRequest {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        handlerNames = Set.copyOf(handlerNames);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }

    /** A claim without priority aging. */
    public ClaimRequest(Instant now, int limit, Loop loop, Set<String> handlerNames, String owner, Instant leaseUntil) {
        this(now, limit, loop, handlerNames, owner, leaseUntil, null);
    }

    public boolean background() {
        return loop.isBackground();
    }
}
