package dev.eventqueue.bench.harness;

import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.bench.BenchHandler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts handler calls and opens a latch when the expected number has started. */
public final class CallCounter implements BenchHandler.Probe {

    private final long expected;
    private final AtomicLong calls = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);

    public CallCounter(long expected) {
        this.expected = expected;
    }

    @Override
    public void started(BenchEvent event) {
        if (calls.incrementAndGet() == expected) {
            done.countDown();
        }
    }

    public long calls() {
        return calls.get();
    }

    /** Waits for all calls; throws with the count reached when {@code timeout} passes first. */
    public void await(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Only " + calls.get() + " of " + expected
                    + " handler calls happened within " + timeout.toSeconds() + " s");
        }
    }
}
