package dev.eventqueue.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.RetryBackoff;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Duration BASE = Duration.ofSeconds(2);

    @Test
    void fixedBackoffAlwaysWaitsTheHandlersDelay() {
        RetryPolicy policy = new RetryPolicy(RetryBackoff.FIXED, Duration.ofSeconds(5));

        assertThat(policy.delayAfter(1, BASE)).isEqualTo(BASE);
        assertThat(policy.delayAfter(10, BASE))
                .as("the cap applies to exponential backoff only")
                .isEqualTo(BASE);
    }

    @RepeatedTest(20)
    void exponentialBackoffDoublesPerAttemptWithUpToTwentyPercentJitterAndStopsAtTheCap() {
        RetryPolicy policy = new RetryPolicy(RetryBackoff.EXPONENTIAL, Duration.ofSeconds(30));

        assertThat(policy.delayAfter(1, BASE).toMillis()).isBetween(1_600L, 2_000L);
        assertThat(policy.delayAfter(2, BASE).toMillis()).isBetween(3_200L, 4_000L);
        assertThat(policy.delayAfter(3, BASE).toMillis()).isBetween(6_400L, 8_000L);
        assertThat(policy.delayAfter(5, BASE).toMillis())
                .as("32 s capped at 30 s")
                .isBetween(24_000L, 30_000L);
        assertThat(policy.delayAfter(1_000, BASE).toMillis()).as("no overflow").isBetween(24_000L, 30_000L);
    }

    @Test
    void aZeroDelayStaysZero() {
        RetryPolicy policy = new RetryPolicy(RetryBackoff.EXPONENTIAL, Duration.ofSeconds(30));

        assertThat(policy.delayAfter(3, Duration.ZERO)).isEqualTo(Duration.ZERO);
    }
}
