package dev.eventqueue.jdbc;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.serialization.EventTypeNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's enqueue of a large publish: {@code COPY ... FROM STDIN} through the driver's copy
 * API on the connection the publish runs on, so in a caller's transaction the rows commit or roll
 * back with it. The (event, handler) pairs are copied first into the table of entries by event,
 * then the entries into the queue. COPY cannot skip existing pairs: a publish that repeats one
 * fails as a whole on that table's primary key and is written again by the array insert, which
 * skips what exists. In a caller's transaction the copies run under a savepoint so that the failure
 * can be undone alone; on a connection of its own in auto-commit they run in a transaction of
 * their own. Repeats are rare; the common publish saves the server from unpacking arrays and from
 * the speculative insertion of {@code ON CONFLICT}.
 *
 * <p>Loaded only when the PostgreSQL driver is present.
 */
final class CopyInsert {

    /** Below this many entries one array insert is cheaper than the savepoint, copy and release round trips. */
    static final int MIN_ENTRIES = 64;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int CHUNK_BYTES = 1 << 16;

    private CopyInsert() {}

    /** Whether this is a connection of PostgreSQL's driver (or wraps one), whose copy API this uses. */
    static boolean usable(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /** The statements of a COPY publish and of the array insert it falls back on. */
    record Statements(String copyEntries, String copyByEvent, String arrayInsert) {}

    /**
     * @return how many entries were inserted (existing {@code (event_id, handler_name)} pairs are skipped)
     */
    static int insert(
            Connection connection,
            Statements statements,
            List<NewQueueEntry> entries,
            List<String> payloads,
            String notifyChannel)
            throws SQLException {
        if (connection.getAutoCommit()) {
            return insertAlone(connection, statements, entries, payloads, notifyChannel);
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            copy(connection.unwrap(PGConnection.class), statements, entries, payloads);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return ArrayInsert.insert(connection, statements.arrayInsert(), entries, payloads, notifyChannel);
        }
        connection.releaseSavepoint(savepoint);
        notify(connection, entries, notifyChannel);
        return entries.size();
    }

    /**
     * In auto-commit, with no caller's transaction to join, the copies and the NOTIFY run in a
     * transaction of their own and need no savepoint: they commit whole or not at all, and the
     * array insert runs, in auto-commit again, after a failed one.
     */
    private static int insertAlone(
            Connection connection,
            Statements statements,
            List<NewQueueEntry> entries,
            List<String> payloads,
            String notifyChannel)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            copy(connection.unwrap(PGConnection.class), statements, entries, payloads);
            notify(connection, entries, notifyChannel);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
                throw e;
            }
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.setAutoCommit(true);
            return ArrayInsert.insert(connection, statements.arrayInsert(), entries, payloads, notifyChannel);
        } finally {
            connection.setAutoCommit(true);
        }
        return entries.size();
    }

    private static void notify(Connection connection, List<NewQueueEntry> entries, String notifyChannel)
            throws SQLException {
        if (notifyChannel != null && entries.stream().anyMatch(entry -> !entry.background())) {
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
                notify.setString(1, notifyChannel);
                notify.execute();
            }
        }
    }

    private static void copy(
            PGConnection connection, Statements statements, List<NewQueueEntry> entries, List<String> payloads)
            throws SQLException {
        copyRows(connection, statements.copyByEvent(), entries.size(), (text, i) -> appendPair(text, entries.get(i)));
        InstantText createdAt = new InstantText();
        copyRows(connection, statements.copyEntries(), entries.size(), (text, i) -> {
            NewQueueEntry entry = entries.get(i);
            appendRow(text, entry, payloads.get(i), createdAt.of(entry.createdAt()));
        });
    }

    /** Appends row {@code i} in COPY's text format. */
    private interface RowWriter {
        void append(StringBuilder text, int i);
    }

    /** One COPY of {@code rows} rows, sent in chunks of about {@link #CHUNK_BYTES}. */
    private static void copyRows(PGConnection connection, String statement, int rows, RowWriter rowWriter)
            throws SQLException {
        CopyIn copy = connection.getCopyAPI().copyIn(statement);
        try {
            StringBuilder text = new StringBuilder(CHUNK_BYTES + 4096);
            for (int i = 0; i < rows; i++) {
                rowWriter.append(text, i);
                if (text.length() >= CHUNK_BYTES) {
                    write(copy, text);
                }
            }
            write(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** One row of the entries by event: event id, handler name, entry id. */
    private static void appendPair(StringBuilder row, NewQueueEntry entry) {
        row.append(entry.event().getEventId()).append('\t');
        field(row, entry.handlerName());
        row.append(entry.id()).append('\n');
    }

    private static void write(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** One row in COPY's text format, columns in the order of {@link QueueStatements#INSERT_COLUMNS}. */
    private static void appendRow(StringBuilder row, NewQueueEntry entry, String payload, String createdAt) {
        DomainEvent event = entry.event();
        Credentials credentials = entry.credentials();
        row.append(entry.id()).append('\t');
        row.append(event.getEventId()).append('\t');
        field(row, event.getEventType());
        row.append(EventTypeNames.version(event.getClass())).append('\t');
        field(row, payload);
        field(row, event.getAggregateId());
        field(row, entry.orderingKey());
        field(row, entry.handlerName());
        row.append(entry.maxAttempts()).append('\t');
        row.append(entry.priority()).append('\t');
        row.append(entry.background() ? 't' : 'f').append('\t');
        field(row, InstantText.micros(entry.dueAt()));
        row.append(createdAt).append('\t');
        row.append(createdAt).append('\t');
        field(row, credentials == null ? null : credentials.userId());
        field(row, credentials == null ? null : credentials.role());
        String headers = HeaderColumn.write(entry.headers());
        if (headers == null) {
            row.append("\\N");
        } else {
            escaped(row, headers);
        }
        row.append('\n');
    }

    private static void field(StringBuilder row, String value) {
        if (value == null) {
            row.append("\\N");
        } else {
            escaped(row, value);
        }
        row.append('\t');
    }

    /**
     * COPY's text format gives backslash, newline, carriage return and tab a meaning: each is written
     * escaped, and the text between them is appended in runs (one array copy each).
     */
    private static void escaped(StringBuilder row, String value) {
        int runStart = 0;
        for (int i = 0; i < value.length(); i++) {
            String escape = escapeOf(value.charAt(i));
            if (escape != null) {
                row.append(value, runStart, i).append(escape);
                runStart = i + 1;
            }
        }
        row.append(value, runStart, value.length());
    }

    private static String escapeOf(char c) {
        if (c > '\r' && c != '\\') {
            return null; // nearly every character: two comparisons instead of a switch
        }
        return switch (c) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
    }
}
