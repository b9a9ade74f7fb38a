package dev.eventqueue.dashboard;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.QueueCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last hour of throughput, lag and failures, one sample per interval, read from the store's
 * counts: throughput and failures are how much the completed and failed counts grew since the
 * previous sample (per minute), lag is how long the oldest due entry has waited. A count that
 * shrank (cleanup, retry, purge) counts as no growth.
 */
final class SeriesSampler {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesSampler.class);
    static final Duration WINDOW = Duration.ofHours(1);

    private final EventQueueRepository repository;
    private final Duration interval;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private QueueCounts previous;
    private Instant previousAt;

    record Sample(Instant at, double completedPerMinute, double failedPerMinute, Long lagSeconds, long pending) {}

    SeriesSampler(EventQueueRepository repository, Duration interval) {
        this.repository = repository;
        this.interval = interval;
    }

    /** Takes one sample now; a store that cannot be read leaves a gap. */
    synchronized void sample() {
        Instant now = repository.clock().instant();
        QueueCounts counts;
        Instant oldestDue;
        try {
            counts = repository.countByStatus();
            oldestDue = repository.oldestDueSince(now);
        } catch (RuntimeException e) {
            LOG.debug("Dashboard sample skipped: {}", e.toString());
            previous = null;
            return;
        }
        if (previous != null) {
            double minutes = Math.max(1, Duration.between(previousAt, now).toMillis()) / 60_000.0;
            samples.addLast(new Sample(
                    now,
                    Math.max(0, counts.completed() - previous.completed()) / minutes,
                    Math.max(0, counts.failed() - previous.failed()) / minutes,
                    oldestDue == null
                            ? 0L
                            : Math.max(0, Duration.between(oldestDue, now).toSeconds()),
                    counts.pending()));
        }
        previous = counts;
        previousAt = now;
        Instant cutoff = now.minus(WINDOW);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(cutoff)) {
            samples.removeFirst();
        }
    }

    synchronized Map<String, Object> json() {
        List<Map<String, Object>> points = new ArrayList<>();
        for (Sample sample : samples) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("at", sample.at().toString());
            point.put("completedPerMinute", round(sample.completedPerMinute()));
            point.put("failedPerMinute", round(sample.failedPerMinute()));
            point.put("lagSeconds", sample.lagSeconds());
            point.put("pending", sample.pending());
            points.add(point);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intervalSeconds", interval.toSeconds());
        json.put("windowSeconds", WINDOW.toSeconds());
        json.put("samples", points);
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
