package dev.eventqueue.handler;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays that grow by a factor per failed attempt up to a cap, optionally made shorter by a
 * random share (jitter) so that entries that failed together do not all retry together. Made by
 * {@link Backoff#exponential(Duration, Duration)}; each {@code with...} method returns a new
 * instance.
 */
public final class ExponentialBackoff implements Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double factor;
    private final double jitter;
    /** {@code null}: {@link ThreadLocalRandom}, so that worker threads do not contend. */
    private final Random random;

    private ExponentialBackoff(long initialMillis, long maxMillis, double factor, double jitter, Random random) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.factor = factor;
        this.jitter = jitter;
        this.random = random;
    }

    static ExponentialBackoff of(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("Exponential backoff: initial delay must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "Exponential backoff: max delay " + max + " is shorter than the initial delay " + initial);
        }
        return new ExponentialBackoff(initial.toMillis(), max.toMillis(), 2.0, 0.0, null);
    }

    /** Grows by {@code factor} per failed attempt (default 2); at least 1. */
    public ExponentialBackoff withFactor(double factor) {
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("Exponential backoff: factor must be a number >= 1, was " + factor);
        }
        return new ExponentialBackoff(initialMillis, maxMillis, factor, jitter, random);
    }

    /**
     * Makes each delay shorter by a random share of up to {@code fraction} (0 to 1; 0.2 takes up
     * to 20 % off), so that delays never exceed the cap.
     */
    public ExponentialBackoff withJitter(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("Exponential backoff: jitter must be between 0 and 1, was " + fraction);
        }
        return new ExponentialBackoff(initialMillis, maxMillis, factor, fraction, random);
    }

    /** The source of jitter; for tests that need repeatable delays. */
    public ExponentialBackoff withRandom(Random random) {
        return new ExponentialBackoff(
                initialMillis, maxMillis, factor, jitter, Objects.requireNonNull(random, "random"));
    }

    @Override
    public Duration delayAfter(int failedAttempt) {
        int step = Math.max(failedAttempt - 1, 0);
        double grown = initialMillis * Math.pow(factor, step); // Infinity when huge: capped below
        long capped = grown >= maxMillis ? maxMillis : (long) grown;
        if (jitter == 0.0) {
            return Duration.ofMillis(capped);
        }
        double share = (random != null ? random : ThreadLocalRandom.current()).nextDouble();
        return Duration.ofMillis(capped - (long) (capped * jitter * share));
    }

    @Override
    public String toString() {
        return "ExponentialBackoff[initial=" + initialMillis + "ms, max=" + maxMillis + "ms, factor=" + factor
                + ", jitter=" + jitter + "]";
    }
}
