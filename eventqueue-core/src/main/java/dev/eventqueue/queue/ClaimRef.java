package dev.eventqueue.queue;

import java.util.Objects;
import java.util.UUID;

/**
 * One claim of one entry: the entry's id and the token its claim was given. Every claim of an
 * entry gets a new token, so a write that names an older claim (a worker whose lease lapsed and
 * whose entry was claimed again, by another node or by its own) changes nothing.
 *
 * @param entryId    the claimed entry
 * @param claimToken the token of that claim, as {@link ClaimedEntry#claimToken()} returned it
 */
public record ClaimRef(UUID entryId, long claimToken) {

    public ClaimRef {
        Objects.requireNonNull(entryId, "entryId");
    }
}
