package dev.eventqueue.bench.harness;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heap bytes allocated by this JVM's threads between {@link #start()} and {@link #allocated()},
 * threads started in between included. A thread that may end before the reading reports its own
 * figure with {@link #threadEnding()}: an ended thread's count can no longer be read. Threads that
 * end without reporting are missed (the dispatcher's threads live until the run is read).
 */
public final class AllocationMeter {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Long> ended = new ConcurrentHashMap<>();

    private AllocationMeter() {}

    /** A meter counting from now. */
    public static AllocationMeter start() {
        AllocationMeter meter = new AllocationMeter();
        long[] ids = meter.threads.getAllThreadIds();
        long[] bytes = meter.threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                meter.atStart.put(ids[i], bytes[i]);
            }
        }
        return meter;
    }

    /** Called by a thread as its last act: keeps its count for {@link #allocated()}. */
    public void threadEnding() {
        long id = Thread.currentThread().getId();
        ended.put(id, threads.getThreadAllocatedBytes(id));
    }

    /** Bytes allocated since the start by the threads alive now and those that reported their end. */
    public long allocated() {
        Map<Long, Long> now = new HashMap<>(ended);
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                now.putIfAbsent(ids[i], bytes[i]);
            }
        }
        long total = 0;
        for (Map.Entry<Long, Long> thread : now.entrySet()) {
            total += thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }
}
