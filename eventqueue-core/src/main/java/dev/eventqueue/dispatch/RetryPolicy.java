package dev.eventqueue.dispatch;

import dev.eventqueue.RetryBackoff;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** When the next attempt of a failed entry is due. */
final class RetryPolicy {

    private final RetryBackoff backoff;
    private final Duration maxDelay;

    RetryPolicy(RetryBackoff backoff, Duration maxDelay) {
        this.backoff = backoff;
        this.maxDelay = maxDelay;
    }

    /** The delay after failed attempt number {@code attempt} (1-based). */
    Duration delayAfter(int attempt, Duration baseDelay) {
        if (backoff == RetryBackoff.FIXED || baseDelay.isZero()) {
            return baseDelay;
        }
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long baseMillis = Math.max(1, baseDelay.toMillis());
        long grown = baseMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : baseMillis << doublings;
        long capped = Math.min(grown, maxDelay.toMillis());
        // Up to 20 % less, so entries that failed together spread out instead of retrying in lockstep.
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped - jitter);
    }
}
