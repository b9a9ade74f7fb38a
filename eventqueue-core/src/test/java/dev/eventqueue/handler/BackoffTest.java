package dev.eventqueue.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** A random source that always draws the same share, so jittered delays are known in advance. */
    private static Random drawing(double share) {
        return new Random() {
            @Override
            public double nextDouble() {
                return share;
            }
        };
    }

    @Test
    void fixedWaitsTheSameDelayAfterEveryAttempt() {
        Backoff backoff = Backoff.fixed(Duration.ofMillis(250));

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void exponentialDoublesFromTheInitialDelayUpToTheCap() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(1_000)).as("no overflow far out").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFactorOtherThanTwoGrowsByThatFactor() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofMinutes(1))
                .withFactor(3);

        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void jitterTakesTheDrawnShareOffTheCappedDelay() {
        ExponentialBackoff base = Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(1000))
                .withJitter(0.5);

        assertThat(base.withRandom(drawing(0.0)).delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(base.withRandom(drawing(0.5)).delayAfter(2)).isEqualTo(Duration.ofMillis(150));
        assertThat(base.withRandom(drawing(0.999)).delayAfter(9))
                .as("jitter never lengthens a capped delay")
                .isEqualTo(Duration.ofMillis(501));
    }

    @Test
    void aSeededRandomGivesRepeatableDelaysWithinTheJitterRange() {
        ExponentialBackoff one = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10))
                .withJitter(0.2)
                .withRandom(new Random(42));
        ExponentialBackoff two = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10))
                .withJitter(0.2)
                .withRandom(new Random(42));

        for (int attempt = 1; attempt <= 6; attempt++) {
            Duration delay = one.delayAfter(attempt);
            long full = 100L << (attempt - 1);
            assertThat(delay).isEqualTo(two.delayAfter(attempt));
            assertThat(delay.toMillis()).isBetween(full - full / 5, full);
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> Backoff.fixed(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initial delay must be positive");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max delay PT1S is shorter than the initial delay PT2S");
        ExponentialBackoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThatThrownBy(() -> backoff.withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitter must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> backoff.withFactor(0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor must be a number >= 1, was 0.5");
    }
}
