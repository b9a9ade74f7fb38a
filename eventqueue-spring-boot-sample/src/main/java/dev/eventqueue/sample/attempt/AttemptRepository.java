package dev.eventqueue.sample.attempt;

import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Plain JDBC persistence of an attempt's state; joins the service's transaction like any Spring
 * data access. The sample has no endpoint for answers, so it stores none.
 */
@Repository
public class AttemptRepository {

    private final JdbcClient jdbc;

    public AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Attempt attempt) {
        jdbc.sql("insert into attempt (id, test_id, candidate_id, attempt_order, status, started_at, submitted_at,"
                        + " seconds_spent) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        attempt.id(),
                        attempt.testId(),
                        attempt.candidateId(),
                        attempt.order(),
                        attempt.status().name(),
                        timestamp(attempt.startedAt()),
                        timestamp(attempt.submittedAt()),
                        attempt.secondsSpent())
                .update();
    }

    public void update(Attempt attempt) {
        jdbc.sql("update attempt set status = ?, submitted_at = ?, seconds_spent = ? where id = ?")
                .params(attempt.status().name(), timestamp(attempt.submittedAt()), attempt.secondsSpent(), attempt.id())
                .update();
    }

    public Optional<Attempt> findById(String id) {
        return jdbc.sql("select id, test_id, candidate_id, attempt_order, status, started_at, submitted_at,"
                        + " seconds_spent from attempt where id = ?")
                .param(id)
                .query((row, n) -> new Attempt(
                        row.getString("id"),
                        row.getString("test_id"),
                        row.getString("candidate_id"),
                        row.getInt("attempt_order"),
                        AttemptStatus.valueOf(row.getString("status")),
                        Map.of(),
                        instant(row.getTimestamp("started_at")),
                        instant(row.getTimestamp("submitted_at")),
                        row.getLong("seconds_spent")))
                .optional();
    }

    public int countByCandidateAndTest(String candidateId, String testId) {
        return jdbc.sql("select count(*) from attempt where candidate_id = ? and test_id = ?")
                .params(candidateId, testId)
                .query(Integer.class)
                .single();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
