package dev.eventqueue.sample.attempt;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC persistence; joins the service's transaction like any Spring data access. */
@Repository
public class AttemptRepository {

    private final JdbcClient jdbc;

    public AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Attempt attempt) {
        jdbc.sql("insert into attempt (id, test_id, candidate_id, status, seconds_spent) values (?, ?, ?, ?, ?)")
                .params(
                        attempt.id(),
                        attempt.testId(),
                        attempt.candidateId(),
                        attempt.status().name(),
                        attempt.secondsSpent())
                .update();
    }

    public void update(Attempt attempt) {
        jdbc.sql("update attempt set status = ?, seconds_spent = ? where id = ?")
                .params(attempt.status().name(), attempt.secondsSpent(), attempt.id())
                .update();
    }

    public Optional<Attempt> findById(String id) {
        return jdbc.sql("select id, test_id, candidate_id, status, seconds_spent from attempt where id = ?")
                .param(id)
                .query((row, n) -> new Attempt(
                        row.getString("id"),
                        row.getString("test_id"),
                        row.getString("candidate_id"),
                        Attempt.Status.valueOf(row.getString("status")),
                        row.getInt("seconds_spent")))
                .optional();
    }

    public int countByCandidateAndTest(String candidateId, String testId) {
        return jdbc.sql("select count(*) from attempt where candidate_id = ? and test_id = ?")
                .params(candidateId, testId)
                .query(Integer.class)
                .single();
    }
}
