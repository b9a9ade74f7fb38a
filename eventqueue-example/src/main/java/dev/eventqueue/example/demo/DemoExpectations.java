package dev.eventqueue.example.demo;

import dev.eventqueue.example.handlers.AttemptAuditHandler;
import dev.eventqueue.example.handlers.AttemptCreatedHandler;
import dev.eventqueue.example.handlers.NotificationHandler;
import dev.eventqueue.example.handlers.ScoringHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run must end with, from the scenario's size: every sheet prepared, every event audited,
 * every score written on its second attempt, every notification failed with one onFailure call.
 * With EVENT_QUEUE_ENABLE_RETRIES=false the scoring handler's first failure is final too.
 */
final class DemoExpectations {

    private final DemoOptions options;

    DemoExpectations(DemoOptions options) {
        this.options = options;
    }

    /** The differences from the intended outcome; empty when the run went as intended. */
    List<String> check(RunTally tally, long notificationOnFailureCalls) {
        long n = options.attempts();
        boolean retries = options.config().retriesEnabled();
        Map<String, RunTally.HandlerCounts> counts = tally.byHandler();
        List<String> problems = new ArrayList<>();
        expect(problems, counts, AttemptCreatedHandler.NAME, n, 0, 0);
        expect(problems, counts, AttemptAuditHandler.NAME, n * (2 + options.answersPerAttempt()), 0, 0);
        expect(problems, counts, ScoringHandler.NAME, retries ? n : 0, retries ? 0 : n, retries ? n : 0);
        expect(problems, counts, NotificationHandler.NAME, 0, n, retries ? n * NotificationHandler.MAX_RETRIES : 0);
        if (notificationOnFailureCalls != n) {
            problems.add(NotificationHandler.NAME + ": onFailure ran for " + notificationOnFailureCalls
                    + " entries, expected " + n);
        }
        return problems;
    }

    private static void expect(
            List<String> problems,
            Map<String, RunTally.HandlerCounts> counts,
            String handler,
            long completed,
            long failed,
            long retries) {
        RunTally.HandlerCounts actual = counts.getOrDefault(handler, new RunTally.HandlerCounts());
        if (actual.completed.get() != completed || actual.failed.get() != failed || actual.retries.get() != retries) {
            problems.add(String.format(
                    "%s: completed %d, failed %d, retries %d; expected %d, %d, %d",
                    handler,
                    actual.completed.get(),
                    actual.failed.get(),
                    actual.retries.get(),
                    completed,
                    failed,
                    retries));
        }
    }
}
