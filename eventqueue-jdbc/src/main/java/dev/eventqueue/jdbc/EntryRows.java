package dev.eventqueue.jdbc;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.serialization.EventSerializer;
import dev.eventqueue.serialization.EventTypeNames;
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

    /**
     * A claimed row with what claim order and the order test need, which {@link ClaimedEntry} does
     * not carry; {@code ordered}: whether the row has an ordering key.
     */
    record ClaimedRow(ClaimedEntry entry, int priority, Instant createdAt, long seq, boolean ordered) {
        static final Comparator<ClaimedRow> CLAIM_ORDER = Comparator.comparingInt(ClaimedRow::priority)
                .thenComparing(ClaimedRow::createdAt)
                .thenComparingLong(ClaimedRow::seq);
    }

    private final SqlDialect dialect;
    private final EventSerializer serializer;
    private final EventTypes types;

    EntryRows(SqlDialect dialect, EventSerializer serializer, EventTypes types) {
        this.dialect = dialect;
        this.serializer = serializer;
        this.types = types;
    }

    SqlDialect dialect() {
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
        statement.setInt(index++, EventTypeNames.version(event.getClass()));
        statement.setString(index++, payload);
        statement.setString(index++, event.getAggregateId());
        statement.setString(index++, entry.orderingKey());
        statement.setString(index++, entry.handlerName());
        statement.setInt(index++, entry.maxAttempts());
        statement.setInt(index++, entry.priority());
        statement.setBoolean(index++, entry.background());
        dialect.setInstant(statement, index++, entry.dueAt());
        dialect.setInstant(statement, index++, entry.createdAt());
        dialect.setInstant(statement, index++, entry.createdAt());
        statement.setString(index++, credentials == null ? null : credentials.userId());
        statement.setString(index++, credentials == null ? null : credentials.role());
        statement.setString(index++, HeaderColumn.write(entry.headers()));
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
     * Reads claimed rows of one result: see {@link #claimed}. Each reader finds its columns on the
     * first row and reads the rest by position, as a claim reads up to a batch of rows and a lookup
     * by name costs a map lookup per column and row.
     *
     * @param claimAdded 1 when the rows were read before the claim's update counted the attempt and
     *     the claim token
     * @param leaseUntil the lease the claim wrote, when the rows were read before it; else {@code null}
     */
    Claimer.RowReader<ClaimedRow> claimedReader(int claimAdded, Instant leaseUntil) {
        return new Claimer.RowReader<>() {
            private ClaimColumns columns;

            @Override
            public ClaimedRow read(ResultSet result) throws SQLException {
                if (columns == null) {
                    columns = new ClaimColumns(result);
                }
                return claimed(result, columns, claimAdded, leaseUntil);
            }
        };
    }

    /** The positions of the columns a claimed row is read from, in one result. */
    private static final class ClaimColumns {
        final int id;
        final int eventId;
        final int eventType;
        final int eventVersion;
        final int eventData;
        final int aggregateId;
        final int orderingKey;
        final int handlerName;
        final int attempts;
        final int maxAttempts;
        final int priority;
        final int createdAt;
        final int error;
        final int userId;
        final int role;
        final int headers;
        final int leaseExpiresAt;
        final int claimToken;
        final int seq;

        ClaimColumns(ResultSet result) throws SQLException {
            id = result.findColumn("id");
            eventId = result.findColumn("event_id");
            eventType = result.findColumn("event_type");
            eventVersion = result.findColumn("event_version");
            eventData = result.findColumn("event_data");
            aggregateId = result.findColumn("aggregate_id");
            orderingKey = result.findColumn("ordering_key");
            handlerName = result.findColumn("handler_name");
            attempts = result.findColumn("attempts");
            maxAttempts = result.findColumn("max_attempts");
            priority = result.findColumn("priority");
            createdAt = result.findColumn("created_at");
            error = result.findColumn("error");
            userId = result.findColumn("credentials_user_id");
            role = result.findColumn("credentials_role");
            headers = result.findColumn("headers");
            leaseExpiresAt = result.findColumn("lease_expires_at");
            claimToken = result.findColumn("claim_token");
            seq = result.findColumn("seq");
        }
    }

    /**
     * A claimed row with its event read back. A row that cannot be read becomes an entry with a
     * payload error, never an exception: one bad row must not stop the others being claimed. The
     * row's {@code event_id} is the event's identity: a payload without it, or with another one, is
     * unreadable.
     */
    private ClaimedRow claimed(ResultSet row, ClaimColumns column, int claimAdded, Instant leaseUntil)
            throws SQLException {
        UUID id = dialect.getUuid(row, column.id);
        UUID eventId = dialect.getUuid(row, column.eventId);
        String eventType = row.getString(column.eventType);
        String userId = row.getString(column.userId);
        String role = row.getString(column.role);
        Instant createdAt = dialect.getInstant(row, column.createdAt);
        DomainEvent event = null;
        String payloadError = null;
        try {
            event = serializer.deserialize(
                    eventType, row.getInt(column.eventVersion), row.getString(column.eventData), types.registry());
            payloadError = identityError(event, eventId);
            if (payloadError != null) {
                event = null;
            }
        } catch (RuntimeException e) {
            payloadError = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        Instant leaseExpiresAt = leaseUntil != null ? leaseUntil : dialect.getInstant(row, column.leaseExpiresAt);
        ClaimedEntry entry = new ClaimedEntry(
                id,
                row.getLong(column.claimToken) + claimAdded,
                eventId,
                eventType,
                row.getString(column.aggregateId),
                row.getString(column.handlerName),
                row.getInt(column.attempts) + claimAdded,
                row.getInt(column.maxAttempts),
                userId == null && role == null ? null : new Credentials(userId, role),
                createdAt,
                leaseExpiresAt,
                HeaderColumn.read(row.getString(column.headers)),
                row.getString(column.error),
                event,
                payloadError);
        return new ClaimedRow(
                entry,
                row.getInt(column.priority),
                createdAt,
                row.getLong(column.seq),
                row.getString(column.orderingKey) != null);
    }

    private static String identityError(DomainEvent event, UUID rowEventId) {
        UUID payloadEventId = event.getEventId();
        if (payloadEventId == null) {
            return "the payload has no eventId; the entry's event_id is " + rowEventId;
        }
        if (!payloadEventId.equals(rowEventId)) {
            return "the payload's eventId " + payloadEventId + " is not the entry's event_id " + rowEventId;
        }
        return null;
    }
}
