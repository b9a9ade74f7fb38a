package dev.eventqueue.bench;

import dev.eventqueue.EventDispatcher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
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
        long step = Math.max(events / 10, BATCH);
        AtomicLong handled = new AtomicLong();
        List<Double> samples = new ArrayList<>();
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
            long published = 0;
            long nextSample = step;
            while (published < events) {
                List<BenchEvent> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && published < events; i++, published++) {
                    batch.add(BenchEvent.next(published, Instant.now()));
                }
                dispatcher.publishAll(batch, null);
                while (published - handled.get() > MAX_BACKLOG) {
                    Thread.onSpinWait();
                }
                if (published >= nextSample) {
                    waitUntilHandled(handled, published);
                    double mib = usedAfterGc() / (1024.0 * 1024.0);
                    samples.add(mib);
                    System.out.printf(
                            Locale.ROOT,
                            "handled=%,d heap-used-after-gc-mib=%.1f completed-in-stats=%,d%n",
                            handled.get(),
                            mib,
                            dispatcher.getStats().completed());
                    nextSample += step;
                }
            }
            waitUntilHandled(handled, events);
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

    static void waitUntilHandled(AtomicLong handled, long count) throws InterruptedException {
        while (handled.get() < count) {
            Thread.sleep(1);
        }
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

    /** Heap bytes in use after full collections. */
    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
