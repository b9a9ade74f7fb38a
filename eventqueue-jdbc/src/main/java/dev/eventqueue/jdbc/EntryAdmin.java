package dev.eventqueue.jdbc;

import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.StoredEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The operators' queries and bulk changes by filter: list, count, see one entry, retry, delete. */
final class EntryAdmin {

    private final String table;
    private final EntryRows rows;
    private final SqlDialect dialect;
    private final SqlRunner runner;

    EntryAdmin(QueueStatements sql, EntryRows rows, SqlRunner runner) {
        this.table = sql.table();
        this.rows = rows;
        this.dialect = rows.dialect();
        this.runner = runner;
    }

    EntryPage find(EntryFilter filter, int offset, int limit) {
        EntryPage.requireValid(offset, limit);
        FilterSql where = FilterSql.of(filter, dialect);
        String select = "SELECT " + QueueStatements.ENTRY_COLUMNS + " FROM " + table + " WHERE " + where.condition()
                + " ORDER BY created_at, seq LIMIT ? OFFSET ?";
        return runner.single("list entries", connection -> {
            List<QueueEntry> entries;
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                int index = where.bind(statement, 1);
                statement.setInt(index++, limit);
                statement.setInt(index, offset);
                try (ResultSet result = statement.executeQuery()) {
                    entries = rows.entries(result);
                }
            }
            long total = offset == 0 && entries.size() < limit ? entries.size() : count(connection, where);
            return new EntryPage(entries, total, offset, limit);
        });
    }

    long count(EntryFilter filter) {
        FilterSql where = FilterSql.of(filter, dialect);
        return runner.single("count entries", connection -> count(connection, where));
    }

    private long count(Connection connection, FilterSql where) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + where.condition())) {
            where.bind(statement, 1);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    Optional<StoredEntry> findEntry(UUID entryId) {
        String select = "SELECT " + QueueStatements.ENTRY_COLUMNS + ", event_data FROM " + table + " WHERE id = ?";
        return runner.single("read one entry", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                dialect.setUuid(statement, 1, entryId);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredEntry(
                            rows.entry(result),
                            result.getString("event_data"),
                            HeaderColumn.read(result.getString("headers"))));
                }
            }
        });
    }

    /** Failed entries matching the filter, oldest failure first, pending again with attempts reset. */
    List<QueueEntry> retryFailed(EntryFilter filter, int limit, Instant now, Recovery recovery) {
        EntryFilter failedOnly =
                filter.toBuilder().statuses(List.of(EntryStatus.FAILED)).build();
        return runner.transaction("retry failed entries by filter", connection -> {
            List<QueueEntry> failed = lockOldestChanged(connection, failedOnly, limit);
            return recovery.retry(connection, failed, now);
        });
    }

    /** Deletes matching entries, oldest change first; a processing entry is never deleted. */
    List<QueueEntry> delete(EntryFilter filter, int limit) {
        filter.requireDeletable();
        return runner.transaction("delete entries by filter", connection -> {
            List<QueueEntry> doomed = lockOldestChanged(connection, filter, limit);
            if (doomed.isEmpty()) {
                return doomed;
            }
            String delete = "DELETE FROM " + table + " WHERE status <> 'processing' AND id IN ("
                    + QueueStatements.placeholders(doomed.size()) + ")";
            try (PreparedStatement statement = connection.prepareStatement(delete)) {
                int index = 1;
                for (QueueEntry entry : doomed) {
                    dialect.setUuid(statement, index++, entry.id());
                }
                statement.executeUpdate();
            }
            return doomed;
        });
    }

    Map<String, Long> countByHandler(EntryStatus status) {
        String select =
                "SELECT handler_name, COUNT(*) AS entries FROM " + table + " WHERE status = ? GROUP BY handler_name";
        return runner.single("count entries by handler", connection -> {
            Map<String, Long> counts = new TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setString(1, status.dbValue());
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        counts.put(result.getString("handler_name"), result.getLong("entries"));
                    }
                }
            }
            return counts;
        });
    }

    /** Locks the rows it returns (skipping rows a claim holds, where the database can). */
    private List<QueueEntry> lockOldestChanged(Connection connection, EntryFilter filter, int limit)
            throws SQLException {
        FilterSql where = FilterSql.of(filter, dialect);
        String select = "SELECT " + QueueStatements.ENTRY_COLUMNS + " FROM " + table + " WHERE " + where.condition()
                + " ORDER BY updated_at, seq LIMIT ? " + dialect.lockRows();
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            int index = where.bind(statement, 1);
            statement.setInt(index, limit);
            try (ResultSet result = statement.executeQuery()) {
                return rows.entries(result);
            }
        }
    }
}
