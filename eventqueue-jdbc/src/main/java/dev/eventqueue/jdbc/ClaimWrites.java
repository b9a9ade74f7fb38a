package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.queue.ClaimRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes about claimed entries: completion, retry, failure, release, and the heartbeat. Each one
 * names the claim it belongs to and changes an entry only while {@code status = 'processing'} and
 * its {@code claim_token} is still that claim's, so a run whose lease lapsed and whose entry was
 * claimed again (by another node or by its own) changes nothing.
 */
final class ClaimWrites {

    /** Claims per statement; a completion batch of the dispatcher fits in one. */
    static final int MAX_CLAIMS_PER_STATEMENT = 1000;

    private final QueueStatements sql;
    private final Dialect dialect;
    private final SqlRunner runner;
    /** Lease renewals run on a connection of their own while a dispatcher runs here. */
    private final ReservedConnection renewals;

    ClaimWrites(QueueStatements sql, Dialect dialect, SqlRunner runner) {
        this.sql = sql;
        this.dialect = dialect;
        this.runner = runner;
        this.renewals = new ReservedConnection(runner);
    }

    ReservedConnection renewals() {
        return renewals;
    }

    int complete(Collection<ClaimRef> claims, Instant now) {
        if (dialect.bindsArrays()) {
            return updateArrays("complete entries", sql.completeAny(), claims, now);
        }
        return updatePairs("complete entries", claims, sql::complete, now);
    }

    int release(Collection<ClaimRef> claims, Instant now) {
        if (dialect.bindsArrays()) {
            return updateArrays("release entries", sql.releaseAny(), claims, now);
        }
        return updatePairs("release entries", claims, sql::release, now);
    }

    /**
     * Returns an entry to pending, due at {@code nextRetryAt}. With a {@code channel} (PostgreSQL),
     * the same statement notifies the other nodes, whose claim then learns the retry's due time:
     * without it they would find the retry at their next poll if this node cannot take it then.
     */
    boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now, String channel) {
        return runner.single("reschedule an entry", connection -> {
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
        return runner.single(park ? "park a failed entry" : "mark an entry failed", connection -> {
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
        for (List<ClaimRef> chunk : chunks(List.copyOf(claims))) {
            held.addAll(dialect.bindsArrays() ? extendArrays(chunk, leaseUntil) : extendPairs(chunk, leaseUntil));
        }
        return held;
    }

    private Set<ClaimRef> extendArrays(List<ClaimRef> claims, Instant leaseUntil) {
        return renewals.run(
                "extend leases",
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement(sql.extendAny())) {
                        dialect.setInstant(update, 1, leaseUntil);
                        bindArrays(connection, update, 2, claims);
                        try (ResultSet rows = update.executeQuery()) {
                            return heldClaims(rows);
                        }
                    }
                },
                false);
    }

    /** Locks the claims still held, then renews them, in one transaction. */
    private Set<ClaimRef> extendPairs(List<ClaimRef> claims, Instant leaseUntil) {
        return renewals.run(
                "extend leases",
                connection -> {
                    Set<ClaimRef> held;
                    try (PreparedStatement select = connection.prepareStatement(sql.selectHeld(claims.size()))) {
                        bindPairs(select, 1, claims);
                        try (ResultSet rows = select.executeQuery()) {
                            held = heldClaims(rows);
                        }
                    }
                    if (!held.isEmpty()) {
                        List<ClaimRef> still = List.copyOf(held);
                        try (PreparedStatement update = connection.prepareStatement(sql.extend(still.size()))) {
                            dialect.setInstant(update, 1, leaseUntil);
                            bindPairs(update, 2, still);
                            update.executeUpdate();
                        }
                    }
                    return held;
                },
                true);
    }

    private Set<ClaimRef> heldClaims(ResultSet rows) throws SQLException {
        Set<ClaimRef> held = new HashSet<>();
        while (rows.next()) {
            held.add(new ClaimRef(dialect.getUuid(rows, "id"), rows.getLong("claim_token")));
        }
        return held;
    }

    /** PostgreSQL: one statement with the claims as two arrays, whatever their number. */
    private int updateArrays(String action, String statement, Collection<ClaimRef> claims, Instant now) {
        if (claims.isEmpty()) {
            return 0;
        }
        List<ClaimRef> list = List.copyOf(claims);
        return runner.single(action, connection -> {
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                dialect.setInstant(update, 1, now);
                bindArrays(connection, update, 2, list);
                return update.executeUpdate();
            }
        });
    }

    private static void bindArrays(Connection connection, PreparedStatement statement, int index, List<ClaimRef> claims)
            throws SQLException {
        UUID[] ids = new UUID[claims.size()];
        Long[] tokens = new Long[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            ids[i] = claims.get(i).entryId();
            tokens[i] = claims.get(i).claimToken();
        }
        statement.setArray(index, connection.createArrayOf("uuid", ids));
        statement.setArray(index + 1, connection.createArrayOf("int8", tokens));
    }

    private interface SizedStatement {
        String sql(int claims);
    }

    private int updatePairs(String action, Collection<ClaimRef> claims, SizedStatement statement, Instant now) {
        if (claims.isEmpty()) {
            return 0;
        }
        List<List<ClaimRef>> chunks = chunks(List.copyOf(claims));
        SqlRunner.Work<Integer> work = connection -> {
            int updated = 0;
            for (List<ClaimRef> chunk : chunks) {
                try (PreparedStatement update = connection.prepareStatement(statement.sql(chunk.size()))) {
                    dialect.setInstant(update, 1, now);
                    bindPairs(update, 2, chunk);
                    updated += update.executeUpdate();
                }
            }
            return updated;
        };
        // One statement is atomic by itself: no transaction round trips for the common case.
        return chunks.size() == 1 ? runner.single(action, work) : runner.transaction(action, work);
    }

    private void bindPairs(PreparedStatement statement, int index, List<ClaimRef> claims) throws SQLException {
        for (ClaimRef claim : claims) {
            dialect.setUuid(statement, index++, claim.entryId());
            statement.setLong(index++, claim.claimToken());
        }
    }

    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks =
                new ArrayList<>((items.size() + MAX_CLAIMS_PER_STATEMENT - 1) / MAX_CLAIMS_PER_STATEMENT);
        for (int from = 0; from < items.size(); from += MAX_CLAIMS_PER_STATEMENT) {
            chunks.add(items.subList(from, Math.min(items.size(), from + MAX_CLAIMS_PER_STATEMENT)));
        }
        return chunks;
    }
}
