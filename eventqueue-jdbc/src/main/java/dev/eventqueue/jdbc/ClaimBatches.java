package dev.eventqueue.jdbc;

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
 * How a dialect binds the writes about many claims at once (completion, release, lease renewal):
 * as two arrays in one statement, or as pairs of id and claim token in statements of up to
 * {@link #MAX_CLAIMS_PER_STATEMENT}. Each changes an entry only while its claim still holds it.
 */
abstract class ClaimBatches {

    /** Claims per statement; a completion batch of the dispatcher fits in one. */
    static final int MAX_CLAIMS_PER_STATEMENT = 1000;

    final QueueStatements sql;
    final SqlDialect dialect;
    final SqlRunner runner;
    /** Lease renewals run on a connection of their own while a dispatcher runs here. */
    final ReservedConnection renewals;

    ClaimBatches(QueueStatements sql, SqlDialect dialect, SqlRunner runner, ReservedConnection renewals) {
        this.sql = sql;
        this.dialect = dialect;
        this.runner = runner;
        this.renewals = renewals;
    }

    abstract int complete(Collection<ClaimRef> claims, Instant now);

    abstract int release(Collection<ClaimRef> claims, Instant now);

    /** Renews the leases of {@code claims}, at most {@link #MAX_CLAIMS_PER_STATEMENT}, and returns those still held. */
    abstract Set<ClaimRef> extend(List<ClaimRef> claims, Instant leaseUntil);

    Set<ClaimRef> heldClaims(ResultSet rows) throws SQLException {
        Set<ClaimRef> held = new HashSet<>();
        while (rows.next()) {
            held.add(new ClaimRef(dialect.getUuid(rows, "id"), rows.getLong("claim_token")));
        }
        return held;
    }

    /** Binds {@code now} as the first parameter unless it is null; returns the next parameter's index. */
    static int bindTime(SqlDialect dialect, PreparedStatement statement, Instant now) throws SQLException {
        if (now == null) {
            return 1;
        }
        dialect.setInstant(statement, 1, now);
        return 2;
    }

    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks =
                new ArrayList<>((items.size() + MAX_CLAIMS_PER_STATEMENT - 1) / MAX_CLAIMS_PER_STATEMENT);
        for (int from = 0; from < items.size(); from += MAX_CLAIMS_PER_STATEMENT) {
            chunks.add(items.subList(from, Math.min(items.size(), from + MAX_CLAIMS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** PostgreSQL: one statement with the claims as two arrays, whatever their number. */
    static final class Arrays extends ClaimBatches {

        Arrays(QueueStatements sql, SqlDialect dialect, SqlRunner runner, ReservedConnection renewals) {
            super(sql, dialect, runner, renewals);
        }

        @Override
        int complete(Collection<ClaimRef> claims, Instant now) {
            return update("complete entries", sql.completeAny(), claims, sql.completionTime(now));
        }

        @Override
        int release(Collection<ClaimRef> claims, Instant now) {
            return update("release entries", sql.releaseAny(), claims, now);
        }

        @Override
        Set<ClaimRef> extend(List<ClaimRef> claims, Instant leaseUntil) {
            return renewals.run(
                    "extend leases",
                    connection -> {
                        try (PreparedStatement update = connection.prepareStatement(sql.extendAny())) {
                            dialect.setInstant(update, 1, leaseUntil);
                            bind(connection, update, 2, claims);
                            try (ResultSet rows = update.executeQuery()) {
                                return heldClaims(rows);
                            }
                        }
                    },
                    false);
        }

        /** {@code now}: the statement's first parameter, or null for a statement without one. */
        private int update(String action, String statement, Collection<ClaimRef> claims, Instant now) {
            if (claims.isEmpty()) {
                return 0;
            }
            List<ClaimRef> list = List.copyOf(claims);
            return runner.write(action, connection -> {
                try (PreparedStatement update = connection.prepareStatement(statement)) {
                    bind(connection, update, bindTime(dialect, update, now), list);
                    return update.executeUpdate();
                }
            });
        }

        private static void bind(Connection connection, PreparedStatement statement, int index, List<ClaimRef> claims)
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
    }

    /** MariaDB, MySQL, H2: the claims as pairs of id and token, one placeholder pair each. */
    static final class Pairs extends ClaimBatches {

        private interface SizedStatement {
            String sql(int claims);
        }

        Pairs(QueueStatements sql, SqlDialect dialect, SqlRunner runner, ReservedConnection renewals) {
            super(sql, dialect, runner, renewals);
        }

        @Override
        int complete(Collection<ClaimRef> claims, Instant now) {
            return update("complete entries", claims, sql::complete, sql.completionTime(now));
        }

        @Override
        int release(Collection<ClaimRef> claims, Instant now) {
            return update("release entries", claims, sql::release, now);
        }

        /** Locks the claims still held, then renews them, in one transaction. */
        @Override
        Set<ClaimRef> extend(List<ClaimRef> claims, Instant leaseUntil) {
            return renewals.run(
                    "extend leases",
                    connection -> {
                        Set<ClaimRef> held;
                        try (PreparedStatement select = connection.prepareStatement(sql.selectHeld(claims.size()))) {
                            bind(select, 1, claims);
                            try (ResultSet rows = select.executeQuery()) {
                                held = heldClaims(rows);
                            }
                        }
                        if (!held.isEmpty()) {
                            List<ClaimRef> still = List.copyOf(held);
                            try (PreparedStatement update = connection.prepareStatement(sql.extend(still.size()))) {
                                dialect.setInstant(update, 1, leaseUntil);
                                bind(update, 2, still);
                                update.executeUpdate();
                            }
                        }
                        return held;
                    },
                    true);
        }

        /** {@code now}: each statement's first parameter, or null for statements without one. */
        private int update(String action, Collection<ClaimRef> claims, SizedStatement statement, Instant now) {
            if (claims.isEmpty()) {
                return 0;
            }
            List<List<ClaimRef>> chunks = chunks(List.copyOf(claims));
            SqlRunner.Work<Integer> work = connection -> {
                int updated = 0;
                for (List<ClaimRef> chunk : chunks) {
                    try (PreparedStatement update = connection.prepareStatement(statement.sql(chunk.size()))) {
                        bind(update, bindTime(dialect, update, now), chunk);
                        updated += update.executeUpdate();
                    }
                }
                return updated;
            };
            // One statement is atomic by itself: no transaction round trips for the common case.
            return chunks.size() == 1 ? runner.write(action, work) : runner.transaction(action, work);
        }

        private void bind(PreparedStatement statement, int index, List<ClaimRef> claims) throws SQLException {
            for (ClaimRef claim : claims) {
                dialect.setUuid(statement, index++, claim.entryId());
                statement.setLong(index++, claim.claimToken());
            }
        }
    }
}
