package dev.eventqueue.micrometer;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.QueueStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads stats and the oldest due entry at most once per time-to-live, so that a scrape reading
 * several gauges (or several scrapers) costs one round trip to the store, not one per gauge.
 */
final class QueueSnapshotCache {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSnapshotCache.class);

    /** What the gauges read; {@code stats == null} when the store could not be read. */
    record Snapshot(QueueStats stats, Duration lag) {
        static final Snapshot UNAVAILABLE = new Snapshot(null, null);
    }

    private final EventDispatcher dispatcher;
    private final Duration timeToLive;
    private final Clock clock;
    private Snapshot current;
    private Instant readAt;
    private boolean lastReadFailed;

    QueueSnapshotCache(EventDispatcher dispatcher, Duration timeToLive, Clock clock) {
        this.dispatcher = dispatcher;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    synchronized Snapshot get() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(readAt.plus(timeToLive))) {
            current = read();
            readAt = now;
        }
        return current;
    }

    /** Reads the store; the lag is judged by the store's clock, as the store judges due times. */
    private Snapshot read() {
        try {
            QueueStats stats = dispatcher.getStats();
            Instant now = dispatcher.getRepository().clock().instant();
            Instant oldestDue = dispatcher.getRepository().oldestDueSince(now);
            Duration lag =
                    oldestDue == null || oldestDue.isAfter(now) ? Duration.ZERO : Duration.between(oldestDue, now);
            if (lastReadFailed) {
                LOG.info("Queue metrics can read the store again");
                lastReadFailed = false;
            }
            return new Snapshot(stats, lag);
        } catch (RuntimeException e) {
            // Gauges report NaN while the store is unreachable; log once per outage, not per scrape.
            if (!lastReadFailed) {
                LOG.warn("Queue metrics cannot read the store: {}", e.toString());
                lastReadFailed = true;
            }
            return Snapshot.UNAVAILABLE;
        }
    }
}
