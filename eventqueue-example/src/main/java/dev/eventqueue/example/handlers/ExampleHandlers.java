package dev.eventqueue.example.handlers;

import dev.eventqueue.handler.EventHandler;
import java.time.Duration;
import java.util.List;

/** The example's four handlers, wired to one {@link HandlerActivity}. */
public final class ExampleHandlers {

    private ExampleHandlers() {}

    /**
     * @param retryDelay the delay before the scoring and notification handlers' retries; short in
     *                   the demo so that it finishes quickly
     */
    public static List<EventHandler<?>> all(HandlerActivity activity, Duration retryDelay) {
        return List.of(
                new AttemptCreatedHandler(activity),
                new AttemptAuditHandler(activity),
                new ScoringHandler(activity, retryDelay),
                new NotificationHandler(activity, retryDelay));
    }

    /** Queue entries one attempt produces with {@code answers} answer updates: 2 + answers + 3. */
    public static int entriesPerAttempt(int answers) {
        return 2 + answers + 3;
    }
}
