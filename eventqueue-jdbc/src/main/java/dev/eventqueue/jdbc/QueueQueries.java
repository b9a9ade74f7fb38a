package dev.eventqueue.jdbc;

import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Read-only queries for statistics, health and administration. */
final class QueueQueries {

    private final QueueStatements sql;
    private final EntryRows rows;
    private final SqlDialect dialect;
    private final SqlRunner runner;

    QueueQueries(QueueStatements sql, EntryRows rows, SqlRunner runner) {
        this.sql = sql;
        this.rows = rows;
        this.dialect = rows.dialect();
        this.runner = runner;
    }

    QueueCounts countByStatus() {
        return runner.single("count entries by status", connection -> {
            Map<EntryStatus, Long> counts = new EnumMap<>(EntryStatus.class);
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(sql.countByStatus())) {
                while (result.next()) {
                    counts.put(EntryStatus.fromDbValue(result.getString("status")), result.getLong("entries"));
                }
            }
            return new QueueCounts(
                    counts.getOrDefault(EntryStatus.PENDING, 0L),
                    counts.getOrDefault(EntryStatus.PROCESSING, 0L),
                    counts.getOrDefault(EntryStatus.COMPLETED, 0L),
                    counts.getOrDefault(EntryStatus.FAILED, 0L));
        });
    }

    long countBlocked() {
        return runner.single("count blocked ordering keys", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(sql.countBlocked())) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    Instant oldestDueSince(Instant now) {
        return runner.single("find the oldest due entry", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.oldestDue())) {
                dialect.setInstant(select, 1, now);
                try (ResultSet result = select.executeQuery()) {
                    return result.next() ? dialect.getInstant(result, "due_since") : null;
                }
            }
        });
    }

    Instant nextDueAt(Set<String> handlerNames, Loop loop, Instant now) {
        if (handlerNames.isEmpty()) {
            return null;
        }
        return runner.single("find the next due entry", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.nextDue(handlerNames.size()))) {
                int index = 1;
                select.setBoolean(index++, loop.isBackground());
                for (String handler : handlerNames) {
                    select.setString(index++, handler);
                }
                dialect.setInstant(select, index, now);
                try (ResultSet result = select.executeQuery()) {
                    return result.next() ? dialect.getInstant(result, "next_due") : null;
                }
            }
        });
    }

    List<QueueEntry> findFailed(int limit) {
        return runner.single("list failed entries", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.findFailed())) {
                select.setInt(1, limit);
                try (ResultSet result = select.executeQuery()) {
                    return rows.entries(result);
                }
            }
        });
    }

    List<QueueEntry> findFailed(int limit, String errorPrefix) {
        String pattern = errorPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return runner.single("list failed entries by error", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.findFailedWithError())) {
                select.setString(1, pattern);
                select.setInt(2, limit);
                try (ResultSet result = select.executeQuery()) {
                    return rows.entries(result);
                }
            }
        });
    }

    List<QueueEntry> findByEventId(UUID eventId) {
        return runner.single("find the entries of an event", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.findByEventId())) {
                dialect.setUuid(select, 1, eventId);
                try (ResultSet result = select.executeQuery()) {
                    return rows.entries(result);
                }
            }
        });
    }

    void ping() {
        runner.single("reach the queue table", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(sql.ping())) {
                return result.next();
            }
        });
    }
}
