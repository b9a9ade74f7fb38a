package dev.eventqueue.nats.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** After failed passes the relay pauses one poll interval, doubling with each failure in a row, up to 30 s. */
class OutboxRelayBackoffTest {

    @Test
    void pauseDoublesFromThePollIntervalUpToTheMaximum() {
        OutboxRelay relay = relay(Duration.ofMillis(50));

        assertThat(relay.backoff(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(relay.backoff(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(relay.backoff(10)).isEqualTo(Duration.ofMillis(25_600));
        assertThat(relay.backoff(11)).isEqualTo(OutboxRelay.MAX_FAILURE_BACKOFF);
        assertThat(relay.backoff(Integer.MAX_VALUE)).isEqualTo(OutboxRelay.MAX_FAILURE_BACKOFF);
    }

    @Test
    void aPollIntervalLongerThanTheMaximumPausesTheMaximum() {
        assertThat(relay(Duration.ofHours(1)).backoff(1)).isEqualTo(OutboxRelay.MAX_FAILURE_BACKOFF);
    }

    private static OutboxRelay relay(Duration pollInterval) {
        OutboxRelay.Pass idle = new OutboxRelay.Pass() {
            @Override
            public int recover() {
                return 0;
            }

            @Override
            public int run() {
                return 0;
            }
        };
        return new OutboxRelay(idle, new RelaySettings(100, pollInterval, Duration.ofSeconds(30)));
    }
}
