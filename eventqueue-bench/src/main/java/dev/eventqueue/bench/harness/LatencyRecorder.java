package dev.eventqueue.bench.harness;

import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.bench.BenchHandler;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records publish-to-start latency of every handler call whose event has a sequence number at or
 * above {@code firstMeasured} (earlier ones are warm-up).
 */
public final class LatencyRecorder implements BenchHandler.Probe {

    private final long firstMeasured;
    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public LatencyRecorder(long firstMeasured, int capacity) {
        this.firstMeasured = firstMeasured;
        this.nanos = new long[capacity];
    }

    @Override
    public void started(BenchEvent event) {
        long latency = System.nanoTime() - event.publishedNanos();
        calls.incrementAndGet();
        if (event.sequence() >= firstMeasured) {
            int slot = count.getAndIncrement();
            if (slot < nanos.length) {
                nanos[slot] = latency;
            }
        }
    }

    public int calls() {
        return calls.get();
    }

    /** The recorded latencies, sorted. */
    public long[] sorted() {
        long[] copy = Arrays.copyOf(nanos, Math.min(count.get(), nanos.length));
        Arrays.sort(copy);
        return copy;
    }

    /** The value at quantile {@code q} (nearest rank) of sorted values. */
    public static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
