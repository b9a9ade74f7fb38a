package dev.eventqueue.jdbc;

import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.LeaseMessages;
import dev.eventqueue.queue.QueueEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Operations any node may run on entries it does not own: recovering expired leases, retrying
 * failed entries, deleting old completed ones. Each locks the rows it selects (skipping rows
 * another node has locked, where the database can), changes them, and reports them as they are now.
 */
final class Recovery {

    /** Rows per recovery transaction, so that a large backlog never holds many locks at once. */
    static final int RECOVERY_CHUNK = 500;

    private final QueueStatements sql;
    private final EntryRows rows;
    private final SqlDialect dialect;
    private final SqlRunner runner;

    Recovery(QueueStatements sql, EntryRows rows, SqlRunner runner) {
        this.sql = sql;
        this.rows = rows;
        this.dialect = rows.dialect();
        this.runner = runner;
    }

    List<QueueEntry> releaseExpiredLeases(Instant now) {
        List<QueueEntry> recovered = new ArrayList<>();
        List<QueueEntry> chunk;
        do {
            chunk = runner.transaction("recover entries whose lease expired", connection -> {
                List<QueueEntry> expired = select(connection, sql.selectExpired(), now, RECOVERY_CHUNK);
                return expired.isEmpty() ? expired : recover(connection, expired, now);
            });
            recovered.addAll(chunk);
        } while (chunk.size() == RECOVERY_CHUNK);
        return recovered;
    }

    List<QueueEntry> retryFailed(int limit, Instant now) {
        return runner.transaction("retry failed entries", connection -> {
            List<QueueEntry> failed = select(connection, sql.selectFailedForRetry(), null, limit);
            return retry(connection, failed, now);
        });
    }

    /** Returns failed entries this transaction has locked to pending, with their attempts reset. */
    List<QueueEntry> retry(Connection connection, List<QueueEntry> failed, Instant now) throws SQLException {
        if (failed.isEmpty()) {
            return failed;
        }
        updateByIds(connection, sql.retryFailed(failed.size()), now, failed);
        List<QueueEntry> retried = new ArrayList<>(failed.size());
        for (QueueEntry entry : failed) {
            retried.add(changed(entry, EntryStatus.PENDING, 0, null, entry.error(), now));
        }
        return retried;
    }

    List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        return runner.transaction("delete completed entries", connection -> {
            List<QueueEntry> completed = select(connection, sql.selectCompletedBefore(), cutoff, limit);
            if (!completed.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(sql.deleteCompleted(completed.size()))) {
                    bindIds(delete, 1, completed);
                    delete.executeUpdate();
                }
            }
            return completed;
        });
    }

    /**
     * Returns expired entries to pending, due at once. An entry whose worker was lost on its last
     * attempt keeps its attempts used up: the claim that takes it next runs only its failure. The
     * rows are locked by the select of this transaction, so no claim can change in between.
     */
    private List<QueueEntry> recover(Connection connection, List<QueueEntry> expired, Instant now) throws SQLException {
        List<QueueEntry> result = new ArrayList<>(expired.size());
        try (PreparedStatement recover = connection.prepareStatement(sql.recover())) {
            for (QueueEntry entry : expired) {
                String error = entry.attempts() >= entry.maxAttempts()
                        ? LeaseMessages.lostOnLastAttempt(entry.owner(), entry.attempts())
                        : LeaseMessages.lost(entry.owner(), entry.attempts());
                recover.setString(1, error);
                dialect.setInstant(recover, 2, now);
                dialect.setUuid(recover, 3, entry.id());
                recover.addBatch();
                result.add(changed(entry, EntryStatus.PENDING, entry.attempts(), null, error, now));
            }
            recover.executeBatch();
        }
        return result;
    }

    private List<QueueEntry> select(Connection connection, String statement, Instant time, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(statement)) {
            int index = 1;
            if (time != null) {
                dialect.setInstant(select, index++, time);
            }
            select.setInt(index, limit);
            try (ResultSet result = select.executeQuery()) {
                return rows.entries(result);
            }
        }
    }

    private void updateByIds(Connection connection, String statement, Instant now, List<QueueEntry> entries)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(statement)) {
            dialect.setInstant(update, 1, now);
            bindIds(update, 2, entries);
            update.executeUpdate();
        }
    }

    private void bindIds(PreparedStatement statement, int index, List<QueueEntry> entries) throws SQLException {
        for (QueueEntry entry : entries) {
            dialect.setUuid(statement, index++, entry.id());
        }
    }

    private static QueueEntry changed(
            QueueEntry entry, EntryStatus status, int attempts, Instant nextRetryAt, String error, Instant now) {
        Instant stored = now.truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        return new QueueEntry(
                entry.id(),
                entry.eventId(),
                entry.eventType(),
                entry.aggregateId(),
                entry.handlerName(),
                status,
                attempts,
                entry.maxAttempts(),
                entry.priority(),
                entry.background(),
                nextRetryAt,
                entry.createdAt(),
                stored,
                error,
                entry.credentialsUserId(),
                entry.credentialsRole(),
                null,
                null);
    }
}
