package dev.eventqueue.bench.harness;

import java.util.EnumMap;
import java.util.Map;

/** The figures of one run. */
public final class Metrics {

    private final Map<Metric, Double> values = new EnumMap<>(Metric.class);

    public static Metrics of(Metric metric, double value) {
        return new Metrics().with(metric, value);
    }

    public Metrics with(Metric metric, double value) {
        values.put(metric, value);
        return this;
    }

    public Double get(Metric metric) {
        return values.get(metric);
    }

    public Map<Metric, Double> asMap() {
        return values;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((metric, value) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(metric.format(value)).append(' ').append(metric.header());
        });
        return text.toString();
    }
}
