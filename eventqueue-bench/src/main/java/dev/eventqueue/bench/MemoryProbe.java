package dev.eventqueue.bench;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.EventPublisher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by the memory scenario: publishes N events for one handler into a default
 * in-memory dispatcher that is never started, and prints the heap used before and after, each
 * after forcing full collections. Output: {@code heap-before=<bytes> heap-after=<bytes> pending=<n>}.
 */
public final class MemoryProbe {

    private MemoryProbe() {}

    public static void main(String[] args) throws InterruptedException {
        long events = Long.parseLong(args[0]);
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(new BenchHandler(1, event -> {}))
                .build();
        long before = usedAfterGc();
        publish(dispatcher, events);
        long after = usedAfterGc();
        System.out.println("heap-before=" + before + " heap-after=" + after + " pending="
                + dispatcher.getStats().pending() + " max="
                + Runtime.getRuntime().maxMemory());
    }

    private static void publish(EventPublisher publisher, long events) {
        List<BenchEvent> batch = new ArrayList<>(1000);
        for (long i = 0; i < events; i++) {
            batch.add(BenchEvent.next(i, Instant.now()));
            if (batch.size() == 1000) {
                publisher.publishAll(batch, null);
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) {
            publisher.publishAll(batch, null);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
