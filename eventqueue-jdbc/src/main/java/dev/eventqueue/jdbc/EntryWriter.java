package dev.eventqueue.jdbc;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.serialization.EventSerializer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts new entries, skipping {@code (event_id, handler_name)} pairs that exist: one array
 * statement or a COPY (PostgreSQL), one batch, or multi-row statements, as the dialect's
 * {@link EntryInserts} chooses.
 */
final class EntryWriter {

    /** Longest value of the VARCHAR(255) columns; checked here so that no database truncates silently. */
    static final int MAX_TEXT_LENGTH = 255;

    private final QueueStatements sql;
    private final EntryRows rows;
    private final EventSerializer serializer;
    private final EventTypes types;

    EntryWriter(QueueStatements sql, EntryRows rows, EventSerializer serializer, EventTypes types) {
        this.sql = sql;
        this.rows = rows;
        this.serializer = serializer;
        this.types = types;
    }

    /**
     * Checks the entries and serializes each event once; done before a connection is taken, so
     * that an event refused here leaves nothing of the publish enqueued.
     *
     * @throws IllegalArgumentException when an event is larger than the payload limit
     */
    List<String> payloads(List<NewQueueEntry> entries) {
        Map<DomainEvent, String> byEvent = new IdentityHashMap<>();
        List<String> payloads = new ArrayList<>(entries.size());
        int limit = types.maxPayloadBytes();
        for (NewQueueEntry entry : entries) {
            check(entry);
            payloads.add(byEvent.computeIfAbsent(
                    entry.event(), event -> checkedSize(serializer.serialize(event), event, limit)));
        }
        return payloads;
    }

    private static String checkedSize(String payload, DomainEvent event, int limit) {
        checkSurrogates(payload, event);
        // A UTF-8 character takes at most three bytes per UTF-16 unit: most payloads need no count.
        if ((long) payload.length() * 3 <= limit) {
            return payload;
        }
        long bytes = utf8Length(payload);
        if (bytes > limit) {
            throw new IllegalArgumentException("Event " + event.getEventId() + " of type '" + event.getEventType()
                    + "' is " + bytes + " bytes serialized, more than the limit of " + limit + " bytes ("
                    + EventQueueConfig.MAX_PAYLOAD_BYTES + "); nothing of this publish was enqueued");
        }
        return payload;
    }

    /**
     * A lone UTF-16 surrogate has no UTF-8 form: drivers would store it as {@code ?} and the event
     * would come back changed, so it is refused like any other unstorable data.
     */
    private static void checkSurrogates(String payload, DomainEvent event) {
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < payload.length()
                    && Character.isLowSurrogate(payload.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException("Event " + event.getEventId() + " of type '" + event.getEventType()
                    + "' contains a lone UTF-16 surrogate (\\u" + String.format("%04X", (int) c) + ") at character "
                    + i + " of its JSON: it is not valid Unicode and a database would store it as '?'; "
                    + "remove it or pair it; nothing of this publish was enqueued");
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * PostgreSQL: one statement that inserts and, if a foreground entry went in, notifies
     * {@code notifyChannel} (null: nobody).
     *
     * @return how many entries were inserted
     */
    int insertArrays(Connection connection, List<NewQueueEntry> entries, List<String> payloads, String notifyChannel)
            throws SQLException {
        return ArrayInsert.insert(connection, sql.insertArrays(), entries, payloads, notifyChannel);
    }

    /**
     * PostgreSQL, a large publish: COPY (under a savepoint in a caller's transaction), the array
     * insert when a pair of event and handler exists already; notifies {@code notifyChannel} (null: nobody).
     *
     * @return how many entries were inserted
     */
    int insertCopy(Connection connection, List<NewQueueEntry> entries, List<String> payloads, String notifyChannel)
            throws SQLException {
        return CopyInsert.insert(
                connection,
                new CopyInsert.Statements(sql.copyIn(), sql.copyInByEvent(), sql.insertArrays()),
                entries,
                payloads,
                notifyChannel);
    }

    /**
     * Inserts statements of {@code perStatement} rows each; 1 sends one statement per row as a batch.
     *
     * @return how many entries were inserted
     */
    int insert(Connection connection, List<NewQueueEntry> entries, List<String> payloads, int perStatement)
            throws SQLException {
        return perStatement == 1
                ? insertBatch(connection, entries, payloads)
                : insertMultiRow(connection, entries, payloads, perStatement);
    }

    private int insertBatch(Connection connection, List<NewQueueEntry> entries, List<String> payloads)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql.insert(1))) {
            for (int i = 0; i < entries.size(); i++) {
                rows.bindInsert(insert, 1, entries.get(i), payloads.get(i));
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                if (count == Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("The driver did not report how many rows each insert wrote; "
                            + "set the dialect to one that inserts multi-row statements");
                }
                inserted += count;
            }
            return inserted;
        }
    }

    private int insertMultiRow(
            Connection connection, List<NewQueueEntry> entries, List<String> payloads, int perStatement)
            throws SQLException {
        int inserted = 0;
        for (int from = 0; from < entries.size(); from += perStatement) {
            int to = Math.min(entries.size(), from + perStatement);
            try (PreparedStatement insert = connection.prepareStatement(sql.insert(to - from))) {
                int index = 1;
                for (int i = from; i < to; i++) {
                    index = rows.bindInsert(insert, index, entries.get(i), payloads.get(i));
                }
                inserted += insert.executeUpdate();
            }
        }
        return inserted;
    }

    private static void check(NewQueueEntry entry) {
        DomainEvent event = entry.event();
        checkLength("handler name", entry.handlerName(), entry);
        checkLength("event type", event.getEventType(), entry);
        checkLength("aggregate id", event.getAggregateId(), entry);
        Credentials credentials = entry.credentials();
        if (credentials != null) {
            checkLength("credentials user id", credentials.userId(), entry);
            checkLength("credentials role", credentials.role(), entry);
        }
    }

    private static void checkLength(String what, String value, NewQueueEntry entry) {
        if (value != null && value.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "The " + what + " of event " + entry.event().getEventId()
                            + " for handler " + abbreviate(entry.handlerName()) + " is " + value.length()
                            + " characters long; the queue table stores at most " + MAX_TEXT_LENGTH);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
