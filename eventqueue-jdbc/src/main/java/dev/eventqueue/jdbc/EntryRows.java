package dev.eventqueue.jdbc;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.serialization.EventSerializer;
import dev.eventqueue.serialization.EventTypeRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Maps queue rows to entries and entries to bind parameters, in the dialect's types. */
final class EntryRows {

    /** A claimed row with what claim order needs, which {@link ClaimedEntry} does not carry. */
    record ClaimedRow(ClaimedEntry entry, int priority, Instant createdAt, long seq) {
        static final Comparator<ClaimedRow> CLAIM_ORDER = Comparator.comparingInt(ClaimedRow::priority)
                .thenComparing(ClaimedRow::createdAt)
                .thenComparingLong(ClaimedRow::seq);
    }

    private final Dialect dialect;
    private final EventSerializer serializer;
    private final EventTypeRegistry types;

    EntryRows(Dialect dialect, EventSerializer serializer, EventTypeRegistry types) {
        this.dialect = dialect;
        this.serializer = serializer;
        this.types = types;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Binds one entry's values in {@code QueueStatements.INSERT_COLUMNS} order, starting at
     * {@code index}; returns the next index.
     */
    int bindInsert(PreparedStatement statement, int index, NewQueueEntry entry, String payload) throws SQLException {
        DomainEvent event = entry.event();
        Credentials credentials = entry.credentials();
        dialect.setUuid(statement, index++, entry.id());
        dialect.setUuid(statement, index++, event.getEventId());
        statement.setString(index++, event.getEventType());
        statement.setString(index++, payload);
        statement.setString(index++, event.getAggregateId());
        statement.setString(index++, entry.handlerName());
        statement.setInt(index++, entry.maxAttempts());
        statement.setInt(index++, entry.priority());
        statement.setBoolean(index++, entry.background());
        dialect.setInstant(statement, index++, entry.createdAt());
        dialect.setInstant(statement, index++, entry.createdAt());
        statement.setString(index++, credentials == null ? null : credentials.userId());
        statement.setString(index++, credentials == null ? null : credentials.role());
        return index;
    }

    QueueEntry entry(ResultSet row) throws SQLException {
        return new QueueEntry(
                dialect.getUuid(row, "id"),
                dialect.getUuid(row, "event_id"),
                row.getString("event_type"),
                row.getString("aggregate_id"),
                row.getString("handler_name"),
                EntryStatus.fromDbValue(row.getString("status")),
                row.getInt("attempts"),
                row.getInt("max_attempts"),
                row.getInt("priority"),
                row.getBoolean("is_background"),
                dialect.getInstant(row, "next_retry_at"),
                dialect.getInstant(row, "created_at"),
                dialect.getInstant(row, "updated_at"),
                row.getString("error"),
                row.getString("credentials_user_id"),
                row.getString("credentials_role"),
                row.getString("locked_by"),
                dialect.getInstant(row, "lease_expires_at"));
    }

    List<QueueEntry> entries(ResultSet rows) throws SQLException {
        List<QueueEntry> entries = new ArrayList<>();
        while (rows.next()) {
            entries.add(entry(rows));
        }
        return entries;
    }

    /**
     * A claimed row with its event read back. A row that cannot be read becomes an entry with a
     * payload error, never an exception: one bad row must not stop the others being claimed.
     *
     * @param attemptsAdded 1 when the row was read before the claim's update counted the attempt
     */
    ClaimedRow claimed(ResultSet row, int attemptsAdded) throws SQLException {
        UUID id = dialect.getUuid(row, "id");
        String eventType = row.getString("event_type");
        String userId = row.getString("credentials_user_id");
        String role = row.getString("credentials_role");
        Instant createdAt = dialect.getInstant(row, "created_at");
        DomainEvent event = null;
        String payloadError = null;
        try {
            event = serializer.deserialize(eventType, row.getString("event_data"), types);
        } catch (RuntimeException e) {
            payloadError = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        ClaimedEntry entry = new ClaimedEntry(
                id,
                dialect.getUuid(row, "event_id"),
                eventType,
                row.getString("handler_name"),
                row.getInt("attempts") + attemptsAdded,
                row.getInt("max_attempts"),
                userId == null && role == null ? null : new Credentials(userId, role),
                createdAt,
                event,
                payloadError);
        return new ClaimedRow(entry, row.getInt("priority"), createdAt, row.getLong("seq"));
    }
}
