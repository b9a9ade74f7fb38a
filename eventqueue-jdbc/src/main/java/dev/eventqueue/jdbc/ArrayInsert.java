package dev.eventqueue.jdbc;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.serialization.EventTypeNames;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL's enqueue: every column of every new entry in one array parameter, inserted with
 * {@code unnest}, and the wake-up NOTIFY in the same statement. One statement and one round trip per
 * publish, whatever its size, and the server parses one text for all sizes (a JDBC batch executes
 * each row as a statement of its own, and the NOTIFY and commit were two more round trips).
 */
final class ArrayInsert {

    private ArrayInsert() {}

    /** @return how many entries were inserted (existing {@code (event_id, handler_name)} pairs are skipped) */
    static int insert(
            Connection connection,
            String statement,
            List<NewQueueEntry> entries,
            List<String> payloads,
            String notifyChannel)
            throws SQLException {
        int size = entries.size();
        UUID[] ids = new UUID[size];
        UUID[] eventIds = new UUID[size];
        String[] eventTypes = new String[size];
        Integer[] versions = new Integer[size];
        String[] aggregateIds = new String[size];
        String[] orderingKeys = new String[size];
        String[] handlers = new String[size];
        Integer[] maxAttempts = new Integer[size];
        Integer[] priorities = new Integer[size];
        Boolean[] background = new Boolean[size];
        String[] dueAt = new String[size];
        String[] createdAt = new String[size];
        String[] headers = new String[size];
        String[] userIds = new String[size];
        String[] roles = new String[size];
        InstantText createdAtText = new InstantText();
        for (int i = 0; i < size; i++) {
            NewQueueEntry entry = entries.get(i);
            DomainEvent event = entry.event();
            Credentials credentials = entry.credentials();
            ids[i] = entry.id();
            eventIds[i] = event.getEventId();
            eventTypes[i] = event.getEventType();
            versions[i] = EventTypeNames.version(event.getClass());
            aggregateIds[i] = event.getAggregateId();
            orderingKeys[i] = entry.orderingKey();
            handlers[i] = entry.handlerName();
            maxAttempts[i] = entry.maxAttempts();
            priorities[i] = entry.priority();
            background[i] = entry.background();
            createdAt[i] = createdAtText.of(entry.createdAt());
            dueAt[i] = InstantText.micros(entry.dueAt());
            headers[i] = HeaderColumn.write(entry.headers());
            userIds[i] = credentials == null ? null : credentials.userId();
            roles[i] = credentials == null ? null : credentials.role();
        }
        try (PreparedStatement insert = connection.prepareStatement(statement)) {
            int index = 1;
            insert.setArray(index++, connection.createArrayOf("uuid", ids));
            insert.setArray(index++, connection.createArrayOf("uuid", eventIds));
            insert.setArray(index++, connection.createArrayOf("varchar", eventTypes));
            insert.setArray(index++, connection.createArrayOf("int4", versions));
            insert.setArray(index++, connection.createArrayOf("text", payloads.toArray(new String[0])));
            insert.setArray(index++, connection.createArrayOf("varchar", aggregateIds));
            insert.setArray(index++, connection.createArrayOf("varchar", orderingKeys));
            insert.setArray(index++, connection.createArrayOf("varchar", handlers));
            insert.setArray(index++, connection.createArrayOf("int4", maxAttempts));
            insert.setArray(index++, connection.createArrayOf("int4", priorities));
            insert.setArray(index++, connection.createArrayOf("bool", background));
            insert.setArray(index++, connection.createArrayOf("text", dueAt));
            Array times = connection.createArrayOf("text", createdAt);
            insert.setArray(index++, times);
            insert.setArray(index++, times);
            insert.setArray(index++, connection.createArrayOf("varchar", userIds));
            insert.setArray(index++, connection.createArrayOf("varchar", roles));
            insert.setArray(index++, connection.createArrayOf("text", headers));
            insert.setString(
                    index, notifyChannel); // null: the statement's WHERE skips pg_notify, which rejects a null channel
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return result.getInt("inserted");
            }
        }
    }
}
