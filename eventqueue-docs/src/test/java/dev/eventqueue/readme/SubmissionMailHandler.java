package dev.eventqueue.readme;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptSubmitted;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// tag::handler-options[]
public class SubmissionMailHandler extends EventHandlerBase<AttemptSubmitted> {

    private static final Logger log = LoggerFactory.getLogger(SubmissionMailHandler.class);
    private final MailGateway mail;

    public SubmissionMailHandler(MailGateway mail) {
        this.mail = mail;
    }

    @Override
    public void handle(AttemptSubmitted event) throws Exception {
        mail.send(event.getCandidateId(), "Attempt " + event.getAttemptId() + " was submitted");
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof AttemptSubmitted;
    }

    @Override
    public int getPriority() {
        return 50; // Lower = higher priority (default: 100)
    }

    @Override
    public boolean isBackground() {
        return false; // Process in background (default: false)
    }

    @Override
    public int getMaxRetries() {
        return 2; // Retries after the first attempt (default: 3)
    }

    @Override
    public Duration getRetryDelay() {
        return Duration.ofMillis(200); // Delay between retries (default: 1 s)
    }

    @Override
    public String getName() {
        return "attempts.submission-mail"; // Stored with each entry (default: the class name)
    }

    // Lifecycle hooks
    @Override
    protected void onBeforeHandle(AttemptSubmitted event) {
        EventContext delivery = EventContext.current();
        log.debug("Mailing attempt {}, try {}", event.getAttemptId(), delivery.getAttempt());
    }

    @Override
    protected void onAfterHandle(AttemptSubmitted event) {
        // Called after a successful handle()
    }

    @Override
    protected void onFailure(AttemptSubmitted event, Exception error, int attemptNumber) {
        // Called once when all attempts failed
        log.error(
                "Could not mail attempt {} after {} attempts: {}",
                event.getAttemptId(),
                attemptNumber,
                error.toString());
    }
}
// end::handler-options[]
