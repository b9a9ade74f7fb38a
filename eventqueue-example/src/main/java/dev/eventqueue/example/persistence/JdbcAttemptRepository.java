package dev.eventqueue.example.persistence;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptAggregate;
import dev.eventqueue.example.domain.AttemptStatus;
import dev.eventqueue.jdbc.JdbcTransactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts in a database table, saved in the same JDBC transaction as their events' queue
 * entries: the publish joins the transaction {@link JdbcTransactions} binds, so
 * an attempt is never stored without its events, nor its events without it. The event queue
 * must use the same {@code DataSource} instance.
 */
public final class JdbcAttemptRepository implements AttemptRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> ANSWERS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final AttemptSql sql;
    private final Clock clock;

    /** @param table a validated SQL identifier */
    public JdbcAttemptRepository(DataSource dataSource, String table, EventPublisher publisher, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.sql = new AttemptSql(Objects.requireNonNull(table, "table"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the attempts table unless it exists. */
    public static void createTableIfMissing(DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(new AttemptSql(table).createTable);
        } catch (SQLException e) {
            throw new AttemptStoreException("Could not create the attempts table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(AttemptAggregate attempt, Credentials credentials) {
        List<DomainEvent> events = List.copyOf(attempt.getDomainEvents());
        Attempt state = attempt.snapshot();
        try {
            JdbcTransactions.inTransaction(dataSource, connection -> {
                write(connection, state);
                if (!events.isEmpty()) {
                    publisher.publishAll(events, credentials);
                }
            });
        } catch (SQLException e) {
            throw new AttemptStoreException("Could not save attempt " + state.id() + ": " + e.getMessage(), e);
        }
        // Cleared only after the commit: a failed save keeps the events for another try.
        attempt.clearDomainEvents();
    }

    @Override
    public Optional<Attempt> findById(String attemptId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.selectById)) {
            select.setString(1, attemptId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AttemptStoreException("Could not read attempt " + attemptId + ": " + e.getMessage(), e);
        }
    }

    private void write(Connection connection, Attempt state) throws SQLException {
        String answers = JSON.writeValueAsString(state.answers());
        Instant now = clock.instant();
        try (PreparedStatement update = connection.prepareStatement(sql.update)) {
            update.setString(1, state.status().name());
            update.setString(2, answers);
            setTimestamp(update, 3, state.submittedAt());
            update.setLong(4, state.secondsSpent());
            setTimestamp(update, 5, now);
            update.setString(6, state.id());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.insert)) {
            insert.setString(1, state.id());
            insert.setString(2, state.testId());
            insert.setString(3, state.candidateId());
            insert.setInt(4, state.order());
            insert.setString(5, state.status().name());
            insert.setString(6, answers);
            setTimestamp(insert, 7, state.startedAt());
            setTimestamp(insert, 8, state.submittedAt());
            insert.setLong(9, state.secondsSpent());
            setTimestamp(insert, 10, now);
            insert.executeUpdate();
        }
    }

    private static Attempt read(ResultSet row) throws SQLException {
        Map<String, String> answers = JSON.readValue(row.getString("answers"), ANSWERS);
        return new Attempt(
                row.getString("id"),
                row.getString("test_id"),
                row.getString("candidate_id"),
                row.getInt("attempt_order"),
                AttemptStatus.valueOf(row.getString("status")),
                answers,
                instant(row.getObject("started_at", LocalDateTime.class)),
                instant(row.getObject("submitted_at", LocalDateTime.class)),
                row.getLong("seconds_spent"));
    }

    private static void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setObject(index, utc(value));
        }
    }

    // Timestamps are stored as UTC wall-clock time, so any JVM time zone reads them back the same.
    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
