package dev.eventqueue.nats.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How an outbox relay works.
 *
 * @param batchSize    the most outbox entries one claim takes, per loop
 * @param pollInterval how long an idle relay waits before it looks again without being woken (a
 *                     commit on this node wakes it at once); also how often it recovers entries of
 *                     relays that died
 * @param lease        how long a claimed outbox entry stays the relay's: a relay that dies holding
 *                     entries leaves them to the others once this has passed
 */
record RelaySettings(int batchSize, Duration pollInterval, Duration lease) {

    static final int DEFAULT_BATCH_SIZE = 100;
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    RelaySettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(lease, "lease");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("relayBatchSize must be 1..10000, was " + batchSize);
        }
        if (pollInterval.toMillis() < 1 || pollInterval.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("relayPollInterval must be 1 ms..7 days, was " + pollInterval);
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("relayLease must be 1 s..7 days, was " + lease);
        }
    }
}
