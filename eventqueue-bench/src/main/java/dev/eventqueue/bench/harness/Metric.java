package dev.eventqueue.bench.harness;

/** A measured figure, with how it is shown. */
public enum Metric {
    ENTRIES_PER_SECOND("entries/s", Format.COUNT),
    EVENTS_PER_SECOND("events/s", Format.COUNT),
    JOBS_PER_SECOND("jobs/s", Format.COUNT),
    CPU_MICROS_PER_ENTRY("JVM CPU µs/entry", Format.MILLIS),
    ALLOCATED_BYTES_PER_ENTRY("allocated bytes/entry", Format.COUNT),
    EMPTY_ENTRIES_PER_SECOND("entries/s, empty table", Format.COUNT),
    INSERTS_PER_SECOND("insert-only rows/s", Format.COUNT),
    COPY_ROWS_PER_SECOND("COPY-only rows/s", Format.COUNT),
    P50("p50 ms", Format.MILLIS),
    P99("p99 ms", Format.MILLIS),
    P999("p99.9 ms", Format.MILLIS),
    MAX("max ms", Format.MILLIS),
    PUBLISH_P50("publish() p50 ms", Format.MILLIS),
    PUBLISH_P99("publish() p99 ms", Format.MILLIS),
    HEAP_MIB("heap used MiB", Format.DECIMAL),
    BYTES_PER_ENTRY("bytes/entry", Format.COUNT),
    TRACED_RATIO("traced / untraced entries/s", Format.RATIO),
    UNTRACED_PER_SECOND("entries/s, untraced", Format.COUNT),
    TRACED_PER_SECOND("entries/s, traced", Format.COUNT),
    UNTRACED_CPU_MICROS("JVM CPU µs/entry, untraced", Format.MILLIS),
    TRACED_CPU_MICROS("JVM CPU µs/entry, traced", Format.MILLIS);

    /** How a value is printed. */
    public enum Format {
        COUNT,
        MILLIS,
        DECIMAL,
        RATIO
    }

    private final String header;
    private final Format format;

    Metric(String header, Format format) {
        this.header = header;
        this.format = format;
    }

    public String header() {
        return header;
    }

    public String format(double value) {
        return switch (format) {
            case COUNT -> String.format(java.util.Locale.ROOT, "%,.0f", value);
            case MILLIS -> String.format(java.util.Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
            case DECIMAL -> String.format(java.util.Locale.ROOT, "%,.1f", value);
            case RATIO -> String.format(java.util.Locale.ROOT, "%.3f", value);
        };
    }
}
