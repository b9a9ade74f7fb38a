package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptCreated;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandlerBase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Foreground and first in line: tells the candidate the attempt started (here: a row in {@code notification}). */
@Component
public class NotifyCandidateHandler extends EventHandlerBase<AttemptCreated> {

    private final JdbcClient jdbc;

    public NotifyCandidateHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void handle(AttemptCreated event) {
        Credentials credentials = EventContext.current().getCredentials();
        jdbc.sql("insert into notification (attempt_id, candidate_id, message, requested_by) values (?, ?, ?, ?)")
                .params(
                        event.getAttemptId(),
                        event.getCandidateId(),
                        "Attempt " + event.getOrder() + " at test " + event.getTestId() + " started",
                        credentials == null ? null : credentials.userId())
                .update();
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof AttemptCreated;
    }

    @Override
    public int getPriority() {
        return 10;
    }

    @Override
    public String getName() {
        return "notify-candidate";
    }
}
