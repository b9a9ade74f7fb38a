package dev.eventqueue.micrometer;

import static dev.eventqueue.micrometer.EventQueueMeterNames.*;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Records handler timers, outcome and retry counters, publish counters, claim sizes and poll
 * errors. Register it on the dispatcher with {@code EventDispatcher.builder().listener(...)};
 * pair it with {@link EventQueueGauges} for the queue-wide gauges.
 *
 * <p>Thread-safe; every callback only updates meters. Tag values are bounded by the handlers and
 * event types an application has.
 */
public final class EventQueueMetricsListener implements EventQueueListener {

    private final Meter.MeterProvider<Timer> handlerDuration;
    private final Meter.MeterProvider<Timer> startDelay;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<Counter> published;
    private final Meter.MeterProvider<Counter> enqueued;
    private final Meter.MeterProvider<Counter> pollErrors;
    private final DistributionSummary foregroundClaims;
    private final DistributionSummary backgroundClaims;

    public EventQueueMetricsListener(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /** @param commonTags added to every meter, e.g. {@code queue=orders} when an application runs several dispatchers */
    public EventQueueMetricsListener(MeterRegistry registry, Iterable<Tag> commonTags) {
        Objects.requireNonNull(registry, "registry");
        Tags tags = Tags.of(Objects.requireNonNull(commonTags, "commonTags"));
        handlerDuration = Timer.builder(HANDLER_DURATION)
                .description("Duration of one handler attempt, by outcome")
                .tags(tags)
                .withRegistry(registry);
        startDelay = Timer.builder(HANDLER_START_DELAY)
                .description("Time from enqueue to the start of a handler attempt")
                .tags(tags)
                .withRegistry(registry);
        retries = Counter.builder(HANDLER_RETRIES)
                .description("Handler attempts that failed and were rescheduled")
                .tags(tags)
                .withRegistry(registry);
        published = Counter.builder(EVENTS_PUBLISHED)
                .description("Events published")
                .tags(tags)
                .withRegistry(registry);
        // No base unit: Prometheus would render it as eventqueue_entries_enqueued_entries_total.
        enqueued = Counter.builder(ENTRIES_ENQUEUED)
                .description("Queue entries written by publishes")
                .tags(tags)
                .withRegistry(registry);
        pollErrors = Counter.builder(POLL_ERRORS)
                .description("Polls of the queue that failed")
                .tags(tags)
                .withRegistry(registry);
        foregroundClaims = claimSize(registry, tags, "foreground");
        backgroundClaims = claimSize(registry, tags, "background");
    }

    private static DistributionSummary claimSize(MeterRegistry registry, Tags tags, String loop) {
        return DistributionSummary.builder(CLAIM_SIZE)
                .description("Entries taken by one claim")
                .baseUnit("entries")
                .tags(tags)
                .tag(TAG_LOOP, loop)
                .register(registry);
    }

    @Override
    public void onPublished(DomainEvent event, int entries) {
        Tags tags = Tags.of(TAG_EVENT_TYPE, event.getEventType());
        published.withTags(tags).increment();
        if (entries > 0) {
            enqueued.withTags(tags).increment(entries);
        }
    }

    @Override
    public void onClaimed(Loop loop, int count) {
        (loop.isBackground() ? backgroundClaims : foregroundClaims).record(count);
    }

    @Override
    public void onStarted(ClaimedEntry entry, Duration sinceEnqueue) {
        startDelay.withTags(entryTags(entry)).record(sinceEnqueue);
    }

    @Override
    public void onCompleted(ClaimedEntry entry, Duration duration) {
        recordAttempt(entry, duration, OUTCOME_COMPLETED, null);
    }

    @Override
    public void onRetryScheduled(ClaimedEntry entry, Duration duration, Exception error, Instant nextRetryAt) {
        recordAttempt(entry, duration, OUTCOME_RETRY, error);
        retries.withTags(entryTags(entry)).increment();
    }

    @Override
    public void onFailed(ClaimedEntry entry, Duration duration, Exception error) {
        recordAttempt(entry, duration, OUTCOME_FAILED, error);
    }

    @Override
    public void onPollError(Loop loop, Exception error) {
        pollErrors
                .withTags(
                        TAG_LOOP,
                        loop.isBackground() ? "background" : "foreground",
                        TAG_EXCEPTION,
                        exceptionName(error))
                .increment();
    }

    private void recordAttempt(ClaimedEntry entry, Duration duration, String outcome, Exception error) {
        handlerDuration
                .withTags(entryTags(entry).and(TAG_OUTCOME, outcome, TAG_EXCEPTION, exceptionName(error)))
                .record(duration);
    }

    private static Tags entryTags(ClaimedEntry entry) {
        return Tags.of(TAG_HANDLER, entry.handlerName(), TAG_EVENT_TYPE, entry.eventType());
    }

    private static String exceptionName(Throwable error) {
        if (error == null) {
            return "none";
        }
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }
}
