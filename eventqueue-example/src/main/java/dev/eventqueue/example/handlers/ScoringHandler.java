package dev.eventqueue.example.handlers;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptSubmitted;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import java.util.Objects;

/**
 * Scores a submitted attempt. Its (simulated) scoring service times out on every first try, so
 * each entry fails once, is rescheduled after the retry delay, and succeeds on the second attempt:
 * the queue's retry path, deterministically.
 */
public final class ScoringHandler extends EventHandlerBase<AttemptSubmitted> {

    public static final String NAME = "ScoringHandler";
    public static final String TRANSIENT_ERROR = "scoring service timed out (simulated; succeeds on retry)";

    private final HandlerActivity activity;
    private final Duration retryDelay;

    public ScoringHandler(HandlerActivity activity, Duration retryDelay) {
        this.activity = activity;
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    }

    @Override
    public void handle(AttemptSubmitted event) throws ScoringUnavailableException {
        if (EventContext.current().getAttempt() == 1) {
            throw new ScoringUnavailableException(TRANSIENT_ERROR);
        }
        activity.handled(NAME);
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return "AttemptSubmitted".equals(event.getEventType());
    }

    @Override
    public int getPriority() {
        return 50;
    }

    @Override
    public Duration getRetryDelay() {
        return retryDelay;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** The scoring service did not answer in time. */
    public static final class ScoringUnavailableException extends Exception {
        public ScoringUnavailableException(String message) {
            super(message);
        }
    }
}
