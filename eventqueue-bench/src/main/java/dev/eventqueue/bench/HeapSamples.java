package dev.eventqueue.bench;

import dev.eventqueue.EventDispatcher;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap probes' run: a started dispatcher is given N bench events in batches, never more than a
 * bound ahead of its handler, and after every tenth of them, once all published so far are
 * handled, the heap used after full collections is printed and kept.
 */
final class HeapSamples {

    private HeapSamples() {}

    /**
     * @param handled the handler's count of handled events
     * @return the heap used after full collections at every tenth, in MiB
     */
    static List<Double> publishAndSample(
            EventDispatcher dispatcher, AtomicLong handled, long events, int batchSize, long maxBacklog)
            throws InterruptedException {
        long step = Math.max(events / 10, batchSize);
        List<Double> samples = new ArrayList<>();
        long published = 0;
        long nextSample = step;
        while (published < events) {
            List<BenchEvent> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize && published < events; i++, published++) {
                batch.add(BenchEvent.next(published, Instant.now()));
            }
            dispatcher.publishAll(batch, null);
            while (published - handled.get() > maxBacklog) {
                Thread.onSpinWait();
            }
            if (published >= nextSample) {
                waitUntilHandled(handled, published);
                double mib = usedAfterGcMib();
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
        return samples;
    }

    /** Heap in use after full collections, in MiB. */
    static double usedAfterGcMib() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static void waitUntilHandled(AtomicLong handled, long count) throws InterruptedException {
        while (handled.get() < count) {
            Thread.sleep(1);
        }
    }
}
