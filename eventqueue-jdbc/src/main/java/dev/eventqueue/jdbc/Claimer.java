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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims a batch of due entries atomically; each dialect hands out the strategy its database
 * offers ({@link SqlDialect#claimer}).
 */
abstract class Claimer {

    private static final Logger LOG = LoggerFactory.getLogger(Claimer.class);

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

    /** Runs a claim through {@code runner}: in a transaction when it needs one. */
    List<ClaimedEntry> run(SqlRunner runner, ClaimRequest request, boolean aged) {
        SqlRunner.Work<List<ClaimedEntry>> work = connection -> claim(connection, request, aged);
        return needsTransaction() ? runner.transaction("claim entries", work) : runner.write("claim entries", work);
    }

    /**
     * The claimed entries, in claim order.
     *
     * @param aged whether to claim only entries that became pending before {@code request.agedBefore()},
     *     longest waiting first
     */
    abstract List<ClaimedEntry> claim(Connection connection, ClaimRequest request, boolean aged) throws SQLException;

    /** Binds the due-entry filter: loop, handler names, now, the aging cutoff when aged, the limit; returns the next index. */
    int bindFilter(
            PreparedStatement statement,
            int index,
            ClaimRequest request,
            List<String> handlers,
            boolean aged,
            int limit)
            throws SQLException {
        index = bindDue(statement, index, request, handlers);
        if (aged) {
            dialect.setInstant(statement, index++, request.agedBefore());
        }
        statement.setInt(index++, limit);
        return index;
    }

    /** Binds the due filter alone: loop, handler names, now; returns the next index. */
    int bindDue(PreparedStatement statement, int index, ClaimRequest request, List<String> handlers)
            throws SQLException {
        statement.setBoolean(index++, request.background());
        for (String handler : handlers) {
            statement.setString(index++, handler);
        }
        dialect.setInstant(statement, index++, request.now());
        return index;
    }

    /** Binds what a claim sets (owner, lease, time) from {@code index} on; returns the next index. */
    int bindClaimSet(PreparedStatement statement, int index, ClaimRequest request) throws SQLException {
        statement.setString(index++, request.owner());
        dialect.setInstant(statement, index++, request.leaseUntil());
        dialect.setInstant(statement, index++, request.now());
        return index;
    }

    /** Binds {@code ids} from {@code index} on; returns the next index. */
    int bindIds(PreparedStatement statement, int index, List<UUID> ids) throws SQLException {
        for (UUID id : ids) {
            dialect.setUuid(statement, index++, id);
        }
        return index;
    }

    /** Binds the clustered keys of {@code rows} from {@code index} on. */
    static void bindSeqs(PreparedStatement statement, int index, List<ClaimedRow> rows) throws SQLException {
        for (ClaimedRow row : rows) {
            statement.setLong(index++, row.seq());
        }
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet result) throws SQLException;
    }

    /**
     * The rows of {@code query} with the parameters {@code binder} sets, each as {@code reader} reads
     * it, in order; {@code expectedRows} sizes the list once.
     */
    private static <T> List<T> select(
            Connection connection, String query, Binder binder, RowReader<T> reader, int expectedRows)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
            binder.bind(select);
            try (ResultSet result = select.executeQuery()) {
                return readAll(result, reader, expectedRows);
            }
        }
    }

    /** Every row left in {@code result}, each as {@code reader} reads it, in order. */
    private static <T> List<T> readAll(ResultSet result, RowReader<T> reader, int expectedRows) throws SQLException {
        List<T> all = new ArrayList<>(expectedRows);
        while (result.next()) {
            all.add(reader.read(result));
        }
        return all;
    }

    /** Reads a row of a locking select as claimed under {@code request}'s lease. */
    RowReader<ClaimedRow> claimedRow(ClaimRequest request) {
        return rows.claimedReader(1, request.leaseUntil());
    }

    /** Claims the rows {@code ids} for {@code request}'s owner and lease; returns how many it claimed. */
    int claimUpdate(Connection connection, ClaimRequest request, List<UUID> ids) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql.claimUpdate(ids.size()))) {
            bindIds(update, bindClaimSet(update, 1, request), ids);
            return update.executeUpdate();
        }
    }

    /** The ids of {@code claimed}, in order. */
    private static List<UUID> ids(List<ClaimedRow> claimed) {
        List<UUID> ids = new ArrayList<>(claimed.size());
        for (ClaimedRow row : claimed) {
            ids.add(row.entry().id());
        }
        return ids;
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
                bindClaimSet(claim, bindFilter(claim, 1, request, handlers, aged, request.limit()), request);
                claim.execute();
                if (own) {
                    claim.getMoreResults(); // past the settings' row, to the claimed rows
                }
                try (ResultSet result = claim.getResultSet()) {
                    return inClaimOrder(readAll(result, rows.claimedReader(0, null), request.limit()), aged);
                }
            }
        }
    }

    /**
     * MariaDB and MySQL: a locking select of the batch, then one update by the clustered key, in one
     * short transaction. The update re-checks {@code status = 'pending'}; should it claim fewer rows
     * than were selected, only the rows now held by this owner are returned.
     *
     * <p>The locking select reads the newest committed version of each row, but its order test reads
     * a snapshot taken as the statement began: when two entries of a key are committed while the
     * select runs, the later one can pass that test with the earlier one still pending. So when
     * the batch holds rows with an ordering key, the test is read again on a snapshot taken after
     * the select, in which every earlier entry of a selected row is committed, and the rows that
     * must still wait are left out of the claim.
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
            String query = aged ? sql.claimAgedSelect(handlers.size()) : sql.claimSelect(handlers.size());
            List<ClaimedRow> selected = select(
                    connection,
                    query,
                    statement -> bindFilter(statement, 1, request, handlers, aged, request.limit()),
                    claimedRow(request),
                    request.limit());
            leaveOutRowsThatMustWait(connection, selected);
            if (selected.isEmpty()) {
                return List.of();
            }
            int updated = claimBySeq(connection, request, selected);
            if (updated < selected.size()) {
                Set<ClaimRef> held = heldBy(connection, request.owner(), ids(selected));
                selected.removeIf(row -> !held.contains(row.entry().ref()));
            }
            return inClaimOrder(selected, aged);
        }

        private void leaveOutRowsThatMustWait(Connection connection, List<ClaimedRow> selected) throws SQLException {
            List<ClaimedRow> ordered = new ArrayList<>();
            for (ClaimedRow row : selected) {
                if (row.ordered()) {
                    ordered.add(row);
                }
            }
            if (ordered.isEmpty()) {
                return;
            }
            Set<Long> waiting = new HashSet<>(select(
                    connection,
                    sql.mustWait(ordered.size()),
                    statement -> bindSeqs(statement, 1, ordered),
                    result -> result.getLong("seq"),
                    ordered.size()));
            if (!waiting.isEmpty()) {
                LOG.debug(
                        "Left {} entries out of a claim: an earlier entry of their key is unfinished", waiting.size());
                selected.removeIf(row -> waiting.contains(row.seq()));
            }
        }

        private int claimBySeq(Connection connection, ClaimRequest request, List<ClaimedRow> selected)
                throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(sql.claimUpdateBySeq(selected.size()))) {
                bindSeqs(update, bindClaimSet(update, 1, request), selected);
                return update.executeUpdate();
            }
        }

        /** The claims this owner now holds among {@code ids}: those this claim's update took. */
        private Set<ClaimRef> heldBy(Connection connection, String owner, List<UUID> ids) throws SQLException {
            List<ClaimRef> held = select(
                    connection,
                    sql.claimedBy(ids.size()),
                    statement -> {
                        statement.setString(1, owner);
                        bindIds(statement, 2, ids);
                    },
                    result -> new ClaimRef(dialect.getUuid(result, "id"), result.getLong("claim_token")),
                    ids.size());
            return new HashSet<>(held);
        }
    }

    /**
     * H2: picks the ids of the next due rows without locks (H2 reads the claim index in order and
     * stops at the limit), locks those rows by primary key, re-checking that they are still due,
     * and claims what it locked, each pick in a short transaction. A locking select with LIMIT
     * would lock every due row in H2, so each claim would cost as much as the backlog and would
     * hold all of it against other claimers. Rows lost to a concurrent claim (waited for, then no longer pending)
     * are made up by picking again, a bounded number of times, so that a claim that lost a race
     * does not come back short while more rows are due.
     */
    static final class PickThenLock extends Claimer {

        /** Picks per claim: the first, and up to two more after rows were lost to another claimer. */
        static final int MAX_PICKS = 3;

        PickThenLock(QueueStatements sql, EntryRows rows) {
            super(sql, rows);
        }

        @Override
        boolean needsTransaction() {
            return true;
        }

        /**
         * Each pick claims in a transaction of its own, so a claim never waits for a lock while it
         * holds the rows of an earlier pick; within a pick the rows are locked in primary key order,
         * as in every other claim's, so claims do not deadlock one another.
         */
        @Override
        List<ClaimedEntry> run(SqlRunner runner, ClaimRequest request, boolean aged) {
            List<ClaimedRow> claimed = new ArrayList<>(request.limit());
            for (int pick = 0; pick < MAX_PICKS && claimed.size() < request.limit(); pick++) {
                int wanted = request.limit() - claimed.size();
                Pick result;
                try {
                    result = runner.transaction("claim entries", connection -> pick(connection, request, aged, wanted));
                } catch (RuntimeException e) {
                    if (claimed.isEmpty()) {
                        throw e;
                    }
                    // The earlier picks are committed: hand them out; the failure shows again at the next claim.
                    LOG.debug("A claim failed after an earlier pick succeeded: {}", e.toString());
                    break;
                }
                claimed.addAll(result.claimed());
                if (result.claimed().size() == result.picked() || result.picked() < wanted) {
                    break; // nothing lost to another claimer, or nothing more due
                }
            }
            // Aged: each pick comes in the order its rows waited, and a later pick's rows waited less.
            return inClaimOrder(claimed, aged);
        }

        @Override
        List<ClaimedEntry> claim(Connection connection, ClaimRequest request, boolean aged) throws SQLException {
            return inClaimOrder(pick(connection, request, aged, request.limit()).claimed(), aged);
        }

        /** Up to {@code wanted} rows claimed by one pick, and how many it picked. */
        private record Pick(List<ClaimedRow> claimed, int picked) {}

        private Pick pick(Connection connection, ClaimRequest request, boolean aged, int wanted) throws SQLException {
            List<String> handlers = List.copyOf(request.handlerNames());
            List<UUID> picked = pickIds(connection, request, handlers, aged, wanted);
            if (picked.isEmpty()) {
                return new Pick(List.of(), 0);
            }
            List<ClaimedRow> locked = lock(connection, request, handlers, aged, picked);
            if (!locked.isEmpty()) {
                update(connection, request, locked);
            }
            return new Pick(locked, picked.size());
        }

        private List<UUID> pickIds(
                Connection connection, ClaimRequest request, List<String> handlers, boolean aged, int wanted)
                throws SQLException {
            String query = aged ? sql.claimAgedPick(handlers.size()) : sql.claimPick(handlers.size());
            return select(
                    connection,
                    query,
                    statement -> bindFilter(statement, 1, request, handlers, aged, wanted),
                    result -> dialect.getUuid(result, "id"),
                    wanted);
        }

        private List<ClaimedRow> lock(
                Connection connection, ClaimRequest request, List<String> handlers, boolean aged, List<UUID> ids)
                throws SQLException {
            return select(
                    connection,
                    sql.claimLock(handlers.size(), ids.size(), aged),
                    statement -> bindIds(statement, bindDue(statement, 1, request, handlers), ids),
                    claimedRow(request),
                    ids.size());
        }

        private void update(Connection connection, ClaimRequest request, List<ClaimedRow> locked) throws SQLException {
            int updated = claimUpdate(connection, request, ids(locked));
            if (updated != locked.size()) { // the rows are locked by this transaction: cannot happen
                throw new SQLException("A claim locked " + locked.size() + " due entries but updated " + updated);
            }
        }
    }
}
