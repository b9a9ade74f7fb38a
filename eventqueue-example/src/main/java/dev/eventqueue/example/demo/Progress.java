package dev.eventqueue.example.demo;

import dev.eventqueue.QueueStats;
import java.time.Duration;

/**
 * One look at a running demo: how many attempts are saved, the whole queue's counts by status,
 * and how many of this run's entries are done.
 */
record Progress(
        int attemptsSaved, int attemptsTotal, QueueStats queue, long runDone, long runPublished, Duration elapsed) {

    String line() {
        return String.format(
                "attempts %d/%d | pending %d | processing %d | completed %d | failed %d | %.1fs",
                attemptsSaved,
                attemptsTotal,
                queue.pending(),
                queue.processing(),
                queue.completed(),
                queue.failed(),
                elapsed.toMillis() / 1000.0);
    }

    /** The line without the clock, to tell whether anything changed. */
    String state() {
        return attemptsSaved + "/" + queue + "/" + runDone;
    }
}
