package dev.eventqueue.jdbc;

import dev.eventqueue.queue.ClaimRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes about claimed entries: completion, retry, failure, release, and the heartbeat. Each one
 * names the claim it belongs to and changes an entry only while {@code status = 'processing'} and
 * its {@code claim_token} is still that claim's, so a run whose lease lapsed and whose entry was
 * claimed again (by another node or by its own) changes nothing. Writes about many claims at once
 * go through the dialect's {@link ClaimBatches}.
 */
final class ClaimWrites {

    private final QueueStatements sql;
    private final SqlDialect dialect;
    private final SqlRunner runner;
    /** Lease renewals run on a connection of their own while a dispatcher runs here. */
    private final ReservedConnection renewals;

    private final ClaimBatches batches;

    ClaimWrites(QueueStatements sql, SqlDialect dialect, SqlRunner runner) {
        this.sql = sql;
        this.dialect = dialect;
        this.runner = runner;
        this.renewals = new ReservedConnection(runner);
        this.batches = dialect.claimBatches(sql, runner, renewals);
    }

    ReservedConnection renewals() {
        return renewals;
    }

    int complete(Collection<ClaimRef> claims, Instant now) {
        return batches.complete(claims, now);
    }

    int release(Collection<ClaimRef> claims, Instant now) {
        return batches.release(claims, now);
    }

    /**
     * Returns an entry to pending, due at {@code nextRetryAt}. With a {@code channel} (PostgreSQL),
     * the same statement notifies the other nodes, whose claim then learns the retry's due time:
     * without it they would find the retry at their next poll if this node cannot take it then.
     */
    boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now, String channel) {
        return runner.write("reschedule an entry", connection -> {
            String statement = channel == null ? sql.reschedule() : sql.rescheduleAndNotify();
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                dialect.setInstant(update, 1, nextRetryAt);
                update.setString(2, error);
                dialect.setInstant(update, 3, now);
                dialect.setUuid(update, 4, claim.entryId());
                update.setLong(5, claim.claimToken());
                if (channel == null) {
                    return update.executeUpdate() == 1;
                }
                update.setString(6, channel);
                try (ResultSet result = update.executeQuery()) {
                    return result.next() && result.getInt("rescheduled") == 1;
                }
            }
        });
    }

    boolean fail(ClaimRef claim, String error, Instant now) {
        return fail(claim, error, now, false);
    }

    /** Marks an entry failed; {@code park} also lets the later entries of its ordering key go on. */
    boolean fail(ClaimRef claim, String error, Instant now, boolean park) {
        return runner.write(park ? "park a failed entry" : "mark an entry failed", connection -> {
            try (PreparedStatement update = connection.prepareStatement(park ? sql.park() : sql.fail())) {
                update.setString(1, error);
                dialect.setInstant(update, 2, now);
                dialect.setUuid(update, 3, claim.entryId());
                update.setLong(4, claim.claimToken());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Renews the leases of the claims still held and returns those. */
    Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil) {
        Set<ClaimRef> held = new HashSet<>();
        for (List<ClaimRef> chunk : ClaimBatches.chunks(List.copyOf(claims))) {
            held.addAll(batches.extend(chunk, leaseUntil));
        }
        return held;
    }
}
