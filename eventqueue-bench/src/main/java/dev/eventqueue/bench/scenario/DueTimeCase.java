package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.bench.BenchHandler;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.LatencyRecorder;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.bench.store.QueueStore;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.WakeUpSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Due-time lateness: delayed events published at a fixed rate, each due {@link #DELAY} after its
 * publish; measured from the due time to the handler's start. On one node the dispatcher that
 * publishes runs the handler. Across nodes, a dispatcher that is never started publishes and
 * another runs the handler, either woken by the database's publish notifications (PostgreSQL as
 * shipped: a woken claim finds nothing due yet but learns the new due time) or without them, so
 * that only the due times learned after its own claims wake it early (as on a store without
 * notifications). The poll-only row also hides the store's next due time from the worker: it finds
 * entries at its next poll, as before the dispatcher learned due times. The first second is warm-up
 * and not recorded.
 */
public final class DueTimeCase implements Case {

    static final Duration DELAY = Duration.ofMillis(200);

    /** Whether the worker learns due times (at claim time and from its own writes) or only polls. */
    public enum Mode {
        PUNCTUAL("due time"),
        POLL_ONLY("poll only");

        private final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private final StoreKind store;
    private final boolean acrossNodes;
    private final boolean notified;
    private final Mode mode;
    private final int ratePerSecond;
    private final Duration duration;
    private final EventQueueConfig config;

    public DueTimeCase(
            StoreKind store,
            boolean acrossNodes,
            boolean notified,
            Mode mode,
            int ratePerSecond,
            Duration duration,
            EventQueueConfig config) {
        if (!acrossNodes && (!notified || mode != Mode.PUNCTUAL)) {
            throw new IllegalArgumentException(
                    "On one node the worker publishes itself: it is always woken and punctual");
        }
        this.store = store;
        this.acrossNodes = acrossNodes;
        this.notified = notified;
        this.mode = mode;
        this.ratePerSecond = ratePerSecond;
        this.duration = duration;
        this.config = config;
    }

    @Override
    public Table table() {
        return Table.DUE_TIME;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", store.label());
        labels.put("publisher → worker", acrossNodes ? "across nodes" : "same node");
        labels.put("publish wakes worker", acrossNodes ? (notified ? "NOTIFY" : "no") : "yes");
        labels.put("worker wakes at", mode.label);
        labels.put("poll interval", config.processingInterval().toMillis() + " ms");
        labels.put("rate", ratePerSecond + "/s");
        labels.put("events", Long.toString(ratePerSecond * duration.toSeconds()));
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        long warmUpEvents = ratePerSecond;
        long measured = warmUp ? ratePerSecond : ratePerSecond * duration.toSeconds();
        long total = warmUpEvents + measured;
        long delayNanos = DELAY.toNanos();
        // Each event carries its due time as its publish stamp, so the recorder measures lateness.
        LatencyRecorder recorder = new LatencyRecorder(warmUpEvents, (int) measured);
        try (QueueStore queue = store.open("due")) {
            EventDispatcher worker = dispatcher(workerRepository(queue.newNode()), recorder);
            EventDispatcher publisher = acrossNodes ? dispatcher(queue.newNode(), recorder) : worker;
            try {
                worker.start();
                Clock storeClock = publisher.getRepository().clock();
                long period = 1_000_000_000L / ratePerSecond;
                long next = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    next += period;
                    BenchEvent stamped = BenchEvent.next(i, Instant.now());
                    BenchEvent event = new BenchEvent(
                            stamped.eventId(),
                            stamped.occurredAt(),
                            stamped.sequence(),
                            stamped.publishedNanos() + delayNanos,
                            stamped.note());
                    publisher.publishAt(event, storeClock.instant().plus(DELAY), null);
                    long wait;
                    while ((wait = next - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (recorder.calls() < total && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (recorder.calls() < total) {
                    throw new IllegalStateException("Only " + recorder.calls() + " of " + total
                            + " delayed events started within 30 s of the last one's due time");
                }
            } finally {
                publisher.close();
                worker.close();
            }
            long[] sorted = recorder.sorted();
            return Metrics.of(Metric.P50, millis(LatencyRecorder.quantile(sorted, 0.50)))
                    .with(Metric.P99, millis(LatencyRecorder.quantile(sorted, 0.99)))
                    .with(Metric.P999, millis(LatencyRecorder.quantile(sorted, 0.999)))
                    .with(Metric.MAX, millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        }
    }

    private EventDispatcher dispatcher(EventQueueRepository repository, BenchHandler.Probe probe) {
        return EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .handler(new BenchHandler(1, probe))
                .build();
    }

    private EventQueueRepository workerRepository(EventQueueRepository node) {
        if (notified && mode == Mode.PUNCTUAL) {
            return node;
        }
        return new ForwardingEventQueueRepository(node) {
            @Override
            public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
                return notified ? super.subscribeToWakeUps(listener) : WakeUpSubscription.NONE;
            }

            @Override
            public Instant nextDueAt(Set<String> handlerNames, Loop loop, Instant now) {
                return mode == Mode.PUNCTUAL ? super.nextDueAt(handlerNames, loop, now) : null;
            }
        };
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
