package dev.eventqueue.micrometer;

import static dev.eventqueue.micrometer.EventQueueMeterNames.*;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Queue-wide gauges of one dispatcher: entries by status, the lag (age of the oldest due entry)
 * and handler calls in flight. Values come from {@link EventDispatcher#getStats()} and the
 * store's oldest due entry, read at most once per cache time-to-live however often the registry
 * is scraped; while the store cannot be read the gauges report {@code NaN}.
 *
 * <pre>{@code
 * EventDispatcher dispatcher = EventDispatcher.builder()
 *         .listener(new EventQueueMetricsListener(registry))
 *         ...
 *         .build();
 * new EventQueueGauges(dispatcher).bindTo(registry);
 * }</pre>
 */
public final class EventQueueGauges implements MeterBinder {

    /** How long one read of the store serves the gauges by default. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);

    private final QueueSnapshotCache cache;
    private final Tags commonTags;

    public EventQueueGauges(EventDispatcher dispatcher) {
        this(dispatcher, DEFAULT_CACHE_TTL, Tags.empty());
    }

    /**
     * @param cacheTtl   how long one read of the store serves the gauges (zero reads on every scrape)
     * @param commonTags added to every gauge
     */
    public EventQueueGauges(EventDispatcher dispatcher, Duration cacheTtl, Iterable<Tag> commonTags) {
        this(dispatcher, cacheTtl, commonTags, Clock.systemUTC());
    }

    /** @param clock measures the cache age (the lag follows the store's clock) */
    public EventQueueGauges(EventDispatcher dispatcher, Duration cacheTtl, Iterable<Tag> commonTags, Clock clock) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must be >= 0, but was " + cacheTtl);
        }
        this.cache = new QueueSnapshotCache(dispatcher, cacheTtl, Objects.requireNonNull(clock, "clock"));
        this.commonTags = Tags.of(Objects.requireNonNull(commonTags, "commonTags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        entries(registry, "pending", QueueStats::pending);
        entries(registry, "processing", QueueStats::processing);
        entries(registry, "completed", QueueStats::completed);
        entries(registry, "failed", QueueStats::failed);
        Gauge.builder(AGGREGATES_BLOCKED, cache, c -> stat(c, QueueStats::blockedAggregates))
                .description("Aggregates whose ordered entries wait behind a failed entry until an operator acts")
                .baseUnit("aggregates")
                .tags(commonTags)
                .strongReference(true)
                .register(registry);
        Gauge.builder(HANDLERS_ACTIVE, cache, c -> stat(c, QueueStats::activeHandlers))
                .description("Handler calls running now in this dispatcher")
                .tags(commonTags)
                .strongReference(true)
                .register(registry);
        TimeGauge.builder(LAG, cache, TimeUnit.MILLISECONDS, EventQueueGauges::lagMillis)
                .description("How long the oldest due pending entry has waited")
                .tags(commonTags)
                .strongReference(true)
                .register(registry);
    }

    private void entries(MeterRegistry registry, String status, ToDoubleFunction<QueueStats> count) {
        Gauge.builder(ENTRIES, cache, c -> stat(c, count))
                .description("Queue entries by status")
                .baseUnit("entries")
                .tags(commonTags)
                .tag(TAG_STATUS, status)
                .strongReference(true)
                .register(registry);
    }

    private static double stat(QueueSnapshotCache cache, ToDoubleFunction<QueueStats> value) {
        QueueStats stats = cache.get().stats();
        return stats == null ? Double.NaN : value.applyAsDouble(stats);
    }

    private static double lagMillis(QueueSnapshotCache cache) {
        Duration lag = cache.get().lag();
        return lag == null ? Double.NaN : lag.toMillis();
    }
}
