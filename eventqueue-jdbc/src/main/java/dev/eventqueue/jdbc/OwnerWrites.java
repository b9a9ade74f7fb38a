package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.sql.QueueStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Writes that only the owner of a lease may make: completion, retry, failure, release, and the
 * heartbeat. Each statement re-checks {@code status = 'processing' AND locked_by = owner}, so a
 * worker whose lease was taken over changes nothing.
 */
final class OwnerWrites {

    /** Ids per statement; a completion batch of the dispatcher fits in one. */
    static final int MAX_IDS_PER_STATEMENT = 1000;

    private final QueueStatements sql;
    private final Dialect dialect;
    private final SqlRunner runner;

    OwnerWrites(QueueStatements sql, Dialect dialect, SqlRunner runner) {
        this.sql = sql;
        this.dialect = dialect;
        this.runner = runner;
    }

    int complete(Collection<UUID> entryIds, String owner, Instant now) {
        if (dialect.bindsArrays()) {
            return updateByIdArray("complete entries", sql.completeAny(), entryIds, owner, now);
        }
        return updateByIds("complete entries", entryIds, ids -> sql.complete(ids), owner, now);
    }

    int release(Collection<UUID> entryIds, String owner, Instant now) {
        if (dialect.bindsArrays()) {
            return updateByIdArray("release entries", sql.releaseAny(), entryIds, owner, now);
        }
        return updateByIds("release entries", entryIds, ids -> sql.release(ids), owner, now);
    }

    /** One statement with the ids as one {@code uuid[]}, whatever their number. */
    private int updateByIdArray(String action, String statement, Collection<UUID> entryIds, String owner, Instant now) {
        if (entryIds.isEmpty()) {
            return 0;
        }
        UUID[] ids = entryIds.toArray(new UUID[0]);
        return runner.single(action, connection -> {
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                dialect.setInstant(update, 1, now);
                update.setString(2, owner);
                update.setArray(3, connection.createArrayOf("uuid", ids));
                return update.executeUpdate();
            }
        });
    }

    boolean reschedule(UUID entryId, String owner, Instant nextRetryAt, String error, Instant now) {
        return runner.single("reschedule an entry", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.reschedule())) {
                dialect.setInstant(update, 1, nextRetryAt);
                update.setString(2, error);
                dialect.setInstant(update, 3, now);
                update.setString(4, owner);
                dialect.setUuid(update, 5, entryId);
                return update.executeUpdate() == 1;
            }
        });
    }

    boolean fail(UUID entryId, String owner, String error, Instant now) {
        return runner.single("mark an entry failed", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.fail())) {
                update.setString(1, error);
                dialect.setInstant(update, 2, now);
                update.setString(3, owner);
                dialect.setUuid(update, 4, entryId);
                return update.executeUpdate() == 1;
            }
        });
    }

    int extendLeases(String owner, Instant leaseUntil) {
        return runner.single("extend leases", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.extendLeases())) {
                dialect.setInstant(update, 1, leaseUntil);
                update.setString(2, owner);
                return update.executeUpdate();
            }
        });
    }

    private interface SizedStatement {
        String sql(int ids);
    }

    private int updateByIds(
            String action, Collection<UUID> entryIds, SizedStatement statement, String owner, Instant now) {
        if (entryIds.isEmpty()) {
            return 0;
        }
        List<List<UUID>> chunks = chunks(List.copyOf(entryIds), MAX_IDS_PER_STATEMENT);
        SqlRunner.Work<Integer> work = connection -> {
            int updated = 0;
            for (List<UUID> ids : chunks) {
                updated += update(connection, statement.sql(ids.size()), ids, owner, now);
            }
            return updated;
        };
        // One statement is atomic by itself: no transaction round trips for the common case.
        return chunks.size() == 1 ? runner.single(action, work) : runner.transaction(action, work);
    }

    private int update(Connection connection, String statement, List<UUID> ids, String owner, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(statement)) {
            dialect.setInstant(update, 1, now);
            update.setString(2, owner);
            int index = 3;
            for (UUID id : ids) {
                dialect.setUuid(update, index++, id);
            }
            return update.executeUpdate();
        }
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }
}
