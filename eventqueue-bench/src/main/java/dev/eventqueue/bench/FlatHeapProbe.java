package dev.eventqueue.bench;

import dev.eventqueue.EventDispatcher;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a long-running application on the default in-memory store keeps a flat heap: a started
 * dispatcher with its defaults (default store, default audit log, the JVM's default collector)
 * handles N events with a no-op handler, and after every tenth of them the heap used after full
 * collections is printed. Completed entries must not stay in the heap, so the figure must not grow
 * with the number of events handled.
 *
 * <p>Run: {@code java -Xmx256m -cp eventqueue-bench/target/eventqueue-bench.jar
 * dev.eventqueue.bench.FlatHeapProbe 10000000}. Exits 1 when the last sample is more than 25 %
 * above the first (after the first tenth, once the audit log's bounded history is full).
 */
public final class FlatHeapProbe {

    private static final int BATCH = 1000;
    private static final long MAX_BACKLOG = 50_000;

    private FlatHeapProbe() {}

    public static void main(String[] args) throws InterruptedException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        AtomicLong handled = new AtomicLong();
        List<Double> samples;
        long started = System.nanoTime();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(new BenchHandler(1, event -> handled.incrementAndGet()))
                .build()) {
            dispatcher.start();
            System.out.printf(
                    Locale.ROOT,
                    "events=%,d collector=%s max-heap-mib=%d%n",
                    events,
                    collectors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            samples = HeapSamples.publishAndSample(dispatcher, handled, events, BATCH, MAX_BACKLOG);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double first = samples.get(0);
        double last = samples.get(samples.size() - 1);
        double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(last);
        System.out.printf(
                Locale.ROOT,
                "result handled=%,d seconds=%.1f calls-per-second=%,.0f first-mib=%.1f last-mib=%.1f max-mib=%.1f"
                        + " growth=%.1f%%%n",
                handled.get(),
                seconds,
                handled.get() / seconds,
                first,
                last,
                max,
                (last - first) * 100 / first);
        System.exit(last > first * 1.25 ? 1 : 0);
    }

    private static String collectors() {
        StringBuilder names = new StringBuilder();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(gc.getName());
        });
        return names.toString();
    }
}
