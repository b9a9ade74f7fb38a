package dev.eventqueue.handler;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a handler's failed entry waits before its next attempt. A handler chooses one by
 * overriding {@link EventHandler#getRetryBackoff()}; handlers that do not keep the dispatcher's
 * setting ({@code EVENT_QUEUE_RETRY_BACKOFF} applied to {@link EventHandler#getRetryDelay()}).
 *
 * <p>Implementations are immutable and thread-safe: one instance serves every worker thread.
 */
@FunctionalInterface
public interface Backoff {

    /**
     * The delay after failed attempt number {@code failedAttempt} (1 for the first try) before
     * the next one; never negative.
     */
    Duration delayAfter(int failedAttempt);

    /** Every retry waits {@code delay}. */
    static Backoff fixed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("Backoff delay must not be negative, was " + delay);
        }
        return failedAttempt -> delay;
    }

    /**
     * The n-th retry waits {@code initial * 2^(n-1)}, at most {@code max}, without jitter; see
     * {@link ExponentialBackoff#withJitter(double)} and {@link ExponentialBackoff#withFactor(double)}.
     */
    static ExponentialBackoff exponential(Duration initial, Duration max) {
        return ExponentialBackoff.of(initial, max);
    }
}
