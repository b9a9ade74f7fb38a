package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * The cost of tracing as a ratio measured within one round: the same throughput run untraced and
 * traced, back to back. Other load on the machine drifts over minutes, so pairing the two runs
 * and alternating which goes first keeps that drift out of the ratio far better than comparing
 * medians of runs taken minutes apart.
 */
public final class TracingCostCase implements Case {

    private final StoreKind store;
    private final long events;
    private final Tracing tracing;
    private final ThroughputCase untraced;
    private final ThroughputCase traced;
    private int round;

    public TracingCostCase(StoreKind store, long events, int publishBatch, EventQueueConfig config, Tracing tracing) {
        this.store = store;
        this.events = events;
        this.tracing = tracing;
        this.untraced =
                new ThroughputCase(store, 1, 1, events, publishBatch, config, AuditLogs.none(), "none", Tracing.OFF);
        this.traced = new ThroughputCase(store, 1, 1, events, publishBatch, config, AuditLogs.none(), "none", tracing);
    }

    @Override
    public Table table() {
        return Table.TRACING_COST;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", store.label());
        labels.put("events", String.format(Locale.ROOT, "%,d", events));
        labels.put("tracing", tracing.label());
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        boolean untracedFirst = round++ % 2 == 0;
        Metrics first = (untracedFirst ? untraced : traced).run(warmUp);
        Metrics second = (untracedFirst ? traced : untraced).run(warmUp);
        Metrics off = untracedFirst ? first : second;
        Metrics on = untracedFirst ? second : first;
        double offRate = off.get(Metric.ENTRIES_PER_SECOND);
        double onRate = on.get(Metric.ENTRIES_PER_SECOND);
        return Metrics.of(Metric.TRACED_RATIO, onRate / offRate)
                .with(Metric.UNTRACED_PER_SECOND, offRate)
                .with(Metric.TRACED_PER_SECOND, onRate)
                .with(Metric.UNTRACED_CPU_MICROS, off.get(Metric.CPU_MICROS_PER_ENTRY))
                .with(Metric.TRACED_CPU_MICROS, on.get(Metric.CPU_MICROS_PER_ENTRY));
    }
}
