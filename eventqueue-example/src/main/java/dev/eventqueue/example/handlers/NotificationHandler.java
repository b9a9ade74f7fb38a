package dev.eventqueue.example.handlers;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptSubmitted;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import java.util.Objects;

/**
 * Mails the candidate a receipt. Its (simulated) mail server always refuses, so every entry uses
 * up its attempts, ends {@code failed}, and {@link #onFailure} runs once: the queue's give-up path,
 * and the entries an operator finds with {@code eventqueue failed}.
 */
public final class NotificationHandler extends EventHandlerBase<AttemptSubmitted> {

    public static final String NAME = "NotificationHandler";
    public static final String PERMANENT_ERROR = "mail server refused the connection (simulated; always fails)";
    public static final int MAX_RETRIES = 2;

    private final HandlerActivity activity;
    private final Duration retryDelay;

    public NotificationHandler(HandlerActivity activity, Duration retryDelay) {
        this.activity = activity;
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    }

    @Override
    public void handle(AttemptSubmitted event) throws MailRefusedException {
        throw new MailRefusedException(PERMANENT_ERROR);
    }

    @Override
    protected void onFailure(AttemptSubmitted event, Exception error, int attemptNumber) {
        activity.gaveUp(NAME, event.getEventId());
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return "AttemptSubmitted".equals(event.getEventType());
    }

    @Override
    public int getPriority() {
        return 200;
    }

    @Override
    public boolean isBackground() {
        return true;
    }

    @Override
    public int getMaxRetries() {
        return MAX_RETRIES;
    }

    @Override
    public Duration getRetryDelay() {
        return retryDelay;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** The mail server refused the message. */
    public static final class MailRefusedException extends Exception {
        public MailRefusedException(String message) {
            super(message);
        }
    }
}
