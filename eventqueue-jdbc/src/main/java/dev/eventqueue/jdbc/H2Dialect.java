package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;

/**
 * H2 2.x, embedded: native UUID, TIMESTAMP WITH TIME ZONE. H2 2.4 accepts SKIP LOCKED but
 * skips unlocked rows too, so claims lock with a plain FOR UPDATE, which waits for a concurrent
 * claim to commit and then re-checks the rows; they lock only the rows they picked
 * ({@link Claimer.PickThenLock}).
 */
final class H2Dialect extends SqlDialect {

    static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {
        super(Dialect.H2);
    }

    @Override
    Claimer claimer(QueueStatements sql, EntryRows rows) {
        return new Claimer.PickThenLock(sql, rows);
    }

    @Override
    EntryInserts inserts(EntryWriter writer, SqlRunner runner) {
        // One statement per row, sent as a JDBC batch: H2 reports the count of each.
        return new EntryInserts.Rows(writer, runner, 1);
    }

    @Override
    ClaimBatches claimBatches(QueueStatements sql, SqlRunner runner, ReservedConnection renewals) {
        return new ClaimBatches.Pairs(sql, this, runner, renewals);
    }

    @Override
    String insertEntries(String table, String columns, String row, int rows) {
        // One row per statement (sent as a batch); each value cast to its column's type.
        return "MERGE INTO " + table + " AS t USING (VALUES " + H2ValueTypes.typedRow(columns) + ") AS s ("
                + columns + ")"
                + " ON t.event_id = s.event_id AND t.handler_name = s.handler_name"
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (s."
                + columns.replace(", ", ", s.") + ")";
    }

    @Override
    String lockRows() {
        return "FOR UPDATE";
    }
}
