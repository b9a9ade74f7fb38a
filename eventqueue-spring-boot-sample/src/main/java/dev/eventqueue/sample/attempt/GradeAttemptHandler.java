package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptSubmitted;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Background work: grades a submitted attempt (here: a row in {@code attempt_result}). */
@Component
public class GradeAttemptHandler extends EventHandlerBase<AttemptSubmitted> {

    private final JdbcClient jdbc;

    public GradeAttemptHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void handle(AttemptSubmitted event) {
        // Idempotent, because delivery is at-least-once: a second run changes nothing.
        int updated = jdbc.sql("update attempt_result set seconds_spent = ? where attempt_id = ?")
                .params(event.getSecondsSpent(), event.getAttemptId())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into attempt_result (attempt_id, seconds_spent) values (?, ?)")
                    .params(event.getAttemptId(), event.getSecondsSpent())
                    .update();
        }
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof AttemptSubmitted;
    }

    @Override
    public boolean isBackground() {
        return true;
    }

    @Override
    public int getMaxRetries() {
        return 5;
    }

    @Override
    public Duration getRetryDelay() {
        return Duration.ofSeconds(2);
    }

    @Override
    public String getName() {
        return "grade-attempt";
    }
}
