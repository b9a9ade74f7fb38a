package dev.eventqueue;

/** How the delay between attempts grows. */
public enum RetryBackoff {
    /** Every retry waits the handler's {@code getRetryDelay()}; the default. */
    FIXED,
    /**
     * The n-th retry waits {@code getRetryDelay() * 2^(n-1)}, capped at
     * {@link EventQueueConfig#maxRetryDelay()}, with up to 20 % random jitter so that entries that
     * failed together do not all retry together.
     */
    EXPONENTIAL
}
