package dev.eventqueue.bench;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.bench.store.NatsServers;
import dev.eventqueue.nats.NatsEventQueueRepository;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a node on the JetStream store holds in its heap as events complete: one dispatcher on a
 * single nats-server that this probe starts on a loopback port (never the machine's shared one)
 * handles N events with a no-op handler, and after every tenth of them the heap used after full
 * collections is printed. A node keeps a copy of the bucket's unfinished entries in memory and
 * counts the completed ones, which stay on the server (kept) or leave the bucket (deleted): either
 * way the heap should not grow with the number of completed events.
 *
 * <p>Run: {@code java -Xmx1g -cp eventqueue-bench/target/eventqueue-bench.jar
 * dev.eventqueue.bench.NatsNodeHeapProbe 100000 keep} (or {@code delete}).
 */
public final class NatsNodeHeapProbe {

    private static final int BATCH = 500;
    private static final long MAX_BACKLOG = 5_000;

    private NatsNodeHeapProbe() {}

    public static void main(String[] args) throws InterruptedException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000L;
        boolean keepCompleted = args.length < 2 || !args[1].equals("delete");
        AtomicLong handled = new AtomicLong();
        String prefix = "heap_" + UUID.randomUUID().toString().substring(0, 8);
        try (NatsEventQueueRepository store = NatsEventQueueRepository.builder(NatsServers.SINGLE.url())
                        .bucketPrefix(prefix)
                        .keepCompletedEntries(keepCompleted)
                        .build();
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .repository(store)
                        .auditLog(AuditLogs.none())
                        .handler(new BenchHandler(1, event -> handled.incrementAndGet()))
                        .build()) {
            dispatcher.start();
            System.out.printf(
                    Locale.ROOT, "events=%,d completed-entries=%s%n", events, keepCompleted ? "kept" : "deleted");
            double before = HeapSamples.usedAfterGcMib();
            HeapSamples.publishAndSample(dispatcher, handled, events, BATCH, MAX_BACKLOG);
            double after = HeapSamples.usedAfterGcMib();
            System.out.printf(
                    Locale.ROOT,
                    "result events=%,d before-mib=%.1f after-mib=%.1f bytes-per-event=%.0f%n",
                    events,
                    before,
                    after,
                    (after - before) * 1024 * 1024 / events);
        } finally {
            NatsServers.stopAll();
        }
    }
}
