package dev.eventqueue.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's clock, without a query per reading: the offset of the database's time to this
 * JVM's monotonic clock is measured (half the round trip is the error) and measured again every
 * {@link #REFRESH} by whichever caller reads the time first. Between measurements the time moves
 * with the monotonic clock, so a jump of the application's wall clock changes nothing, and every
 * node sharing the database judges leases and due times by one clock.
 */
final class DatabaseClock extends Clock {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClock.class);
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final long RETRY_AFTER_FAILURE_NANOS = Duration.ofSeconds(1).toNanos();
    /**
     * A reading whose round trip took longer is not used: the database may have read its clock
     * anywhere in the trip (H2, for one, queues statements behind others), so half the trip is the
     * error, and a late reading would put this clock ahead and start delayed entries early.
     */
    static final long MAX_TRUSTED_ROUND_TRIP_NANOS = Duration.ofMillis(100).toNanos();

    private final SqlRunner runner;
    private final SqlDialect dialect;
    private final ReentrantLock measuring = new ReentrantLock();
    /** Database time in epoch nanoseconds at {@link #baseMonotonic}; until measured, the system clock's. */
    private volatile long baseEpochNanos;

    private volatile long baseMonotonic;
    private volatile long nextMeasurement;
    private volatile boolean measured;

    DatabaseClock(SqlRunner runner, SqlDialect dialect) {
        this.runner = runner;
        this.dialect = dialect;
        Instant now = Instant.now();
        this.baseMonotonic = System.nanoTime();
        this.baseEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.nextMeasurement = baseMonotonic;
    }

    @Override
    public Instant instant() {
        long monotonic = System.nanoTime();
        if (monotonic - nextMeasurement >= 0 && measuring.tryLock()) {
            try {
                measure();
            } finally {
                measuring.unlock();
            }
            monotonic = System.nanoTime();
        }
        long epochNanos = baseEpochNanos + (monotonic - baseMonotonic);
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** Whether the offset was measured at least once (else the system clock stands in). */
    boolean isMeasured() {
        return measured;
    }

    private void measure() {
        try {
            // Inside a caller's transaction the reading would join it, and some databases (H2) answer
            // with the transaction's start time: an old reading that would set this clock back.
            // Taking a connection of the store's own instead could wait on a pool the caller drained.
            if (runner.inCallerTransaction()) {
                nextMeasurement = System.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
                return;
            }
            long[] reading = runner.single("read the database's time", connection -> {
                try (PreparedStatement query = connection.prepareStatement(dialect.currentTimeQuery())) {
                    long sent = System.nanoTime();
                    try (ResultSet result = query.executeQuery()) {
                        long received = System.nanoTime();
                        result.next();
                        Instant database = dialect.getInstant(result, "now");
                        return new long[] {
                            database.getEpochSecond() * 1_000_000_000L + database.getNano(),
                            sent + (received - sent) / 2,
                            received - sent
                        };
                    }
                }
            });
            if (reading[2] > MAX_TRUSTED_ROUND_TRIP_NANOS) {
                nextMeasurement = System.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
                LOG.debug(
                        "Reading the database's time took {} ms; keeping the last offset and reading again soon",
                        reading[2] / 1_000_000);
                return;
            }
            long previous = baseEpochNanos + (reading[1] - baseMonotonic);
            baseEpochNanos = reading[0];
            baseMonotonic = reading[1];
            nextMeasurement = reading[1] + REFRESH.toNanos();
            if (!measured) {
                measured = true;
                long offsetMillis = (reading[0] - previous) / 1_000_000;
                if (Math.abs(offsetMillis) > 1_000) {
                    LOG.info(
                            "The database's clock is {} ms {} this host's; leases and due times follow the database",
                            Math.abs(offsetMillis),
                            offsetMillis > 0 ? "ahead of" : "behind");
                }
            }
        } catch (RuntimeException e) {
            nextMeasurement = System.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
            LOG.debug("Could not read the database's time ({}); going on with the last offset", e.toString());
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("The database clock is in UTC");
    }
}
