package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.EntryRows.ClaimedRow;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Claims a batch of due entries atomically; each dialect hands out the strategy its database
 * offers ({@link SqlDialect#claimer}).
 */
abstract class Claimer {

    final QueueStatements sql;
    final EntryRows rows;
    final SqlDialect dialect;

    Claimer(QueueStatements sql, EntryRows rows) {
        this.sql = sql;
        this.rows = rows;
        this.dialect = rows.dialect();
    }

    /** Whether the claim needs a transaction of its own (more than one statement). */
    abstract boolean needsTransaction();

    /**
     * The claimed entries, in claim order.
     *
     * @param aged whether to claim only entries that became pending before {@code request.agedBefore()},
     *     longest waiting first
     */
    abstract List<ClaimedEntry> claim(Connection connection, ClaimRequest request, boolean aged) throws SQLException;

    /** Binds the due-entry filter: loop, handler names, now, the aging cutoff when aged, the limit; returns the next index. */
    int bindFilter(PreparedStatement statement, int index, ClaimRequest request, List<String> handlers, boolean aged)
            throws SQLException {
        statement.setBoolean(index++, request.background());
        for (String handler : handlers) {
            statement.setString(index++, handler);
        }
        dialect.setInstant(statement, index++, request.now());
        if (aged) {
            dialect.setInstant(statement, index++, request.agedBefore());
        }
        statement.setInt(index++, request.limit());
        return index;
    }

    static List<ClaimedEntry> inClaimOrder(List<ClaimedRow> claimed, boolean aged) {
        if (!aged) { // aged rows come back in the order they waited, which the select already gave
            claimed.sort(ClaimedRow.CLAIM_ORDER);
        }
        List<ClaimedEntry> entries = new ArrayList<>(claimed.size());
        for (ClaimedRow row : claimed) {
            entries.add(row.entry());
        }
        return entries;
    }

    /**
     * PostgreSQL: one {@code UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING} that
     * locks, claims and reads the batch at once, after the settings that skip the commit's flush
     * wait and keep the planner on the claim index ({@link QueueStatements#claimSettings()}); one
     * round trip for both.
     */
    static final class Returning extends Claimer {

        Returning(QueueStatements sql, EntryRows rows) {
            super(sql, rows);
        }

        @Override
        boolean needsTransaction() {
            return false;
        }

        @Override
        List<ClaimedEntry> claim(Connection connection, ClaimRequest request, boolean aged) throws SQLException {
            List<String> handlers = List.copyOf(request.handlerNames());
            // In auto-commit the settings and the claim go as two statements of one implicit
            // transaction: one round trip. Inside someone else's transaction the settings stay out,
            // and so they do for the aged claim, which reads in the order rows became pending.
            boolean own = connection.getAutoCommit() && !aged;
            String claimText = aged ? sql.claimAgedReturning(handlers.size()) : sql.claimReturning(handlers.size());
            String text = own ? sql.claimSettings() + ";\n" + claimText : claimText;
            try (PreparedStatement claim = connection.prepareStatement(text)) {
                int index = bindFilter(claim, 1, request, handlers, aged);
                claim.setString(index++, request.owner());
                dialect.setInstant(claim, index++, request.leaseUntil());
                dialect.setInstant(claim, index, request.now());
                List<ClaimedRow> claimed = new ArrayList<>(request.limit());
                if (own) {
                    claim.execute();
                    claim.getMoreResults(); // past the settings' row, to the claimed rows
                } else {
                    claim.execute();
                }
                try (ResultSet result = claim.getResultSet()) {
                    while (result.next()) {
                        claimed.add(rows.claimed(result, 0, null));
                    }
                }
                return inClaimOrder(claimed, aged);
            }
        }
    }

    /**
     * MariaDB, MySQL, H2: a locking select of the batch, then one update by id, in one short
     * transaction. The update re-checks {@code status = 'pending'}; should it claim fewer rows
     * than were selected (H2's lock waits), only the rows now held by this owner are returned.
     */
    static final class LockThenUpdate extends Claimer {

        LockThenUpdate(QueueStatements sql, EntryRows rows) {
            super(sql, rows);
        }

        @Override
        boolean needsTransaction() {
            return true;
        }

        @Override
        List<ClaimedEntry> claim(Connection connection, ClaimRequest request, boolean aged) throws SQLException {
            List<String> handlers = List.copyOf(request.handlerNames());
            List<ClaimedRow> selected = new ArrayList<>(request.limit());
            String query = aged ? sql.claimAgedSelect(handlers.size()) : sql.claimSelect(handlers.size());
            try (PreparedStatement select = connection.prepareStatement(query)) {
                bindFilter(select, 1, request, handlers, aged);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        selected.add(rows.claimed(result, 1, request.leaseUntil()));
                    }
                }
            }
            if (selected.isEmpty()) {
                return List.of();
            }
            List<UUID> ids = new ArrayList<>(selected.size());
            for (ClaimedRow row : selected) {
                ids.add(row.entry().id());
            }
            int updated;
            try (PreparedStatement update = connection.prepareStatement(sql.claimUpdate(ids.size()))) {
                update.setString(1, request.owner());
                dialect.setInstant(update, 2, request.leaseUntil());
                dialect.setInstant(update, 3, request.now());
                bindIds(update, 4, ids);
                updated = update.executeUpdate();
            }
            if (updated < selected.size()) {
                Set<ClaimRef> held = heldBy(connection, request.owner(), ids);
                selected.removeIf(row -> !held.contains(row.entry().ref()));
            }
            return inClaimOrder(selected, aged);
        }

        /** The claims this owner now holds among {@code ids}: those this claim's update took. */
        private Set<ClaimRef> heldBy(Connection connection, String owner, List<UUID> ids) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(sql.claimedBy(ids.size()))) {
                select.setString(1, owner);
                bindIds(select, 2, ids);
                Set<ClaimRef> held = new HashSet<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        held.add(new ClaimRef(dialect.getUuid(result, "id"), result.getLong("claim_token")));
                    }
                }
                return held;
            }
        }

        private void bindIds(PreparedStatement statement, int index, List<UUID> ids) throws SQLException {
            for (UUID id : ids) {
                dialect.setUuid(statement, index++, id);
            }
        }
    }
}
