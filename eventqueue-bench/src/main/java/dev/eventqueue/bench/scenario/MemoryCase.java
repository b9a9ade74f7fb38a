package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.MemoryProbe;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Heap held by a backlog of pending in-memory entries, measured in a child JVM started with
 * {@code -Xmx1g}: if the backlog did not fit, the child would die of OutOfMemoryError and the case fail.
 */
public final class MemoryCase implements Case {

    private final long entries;
    private final String maxHeap;

    public MemoryCase(long entries, String maxHeap) {
        this.entries = entries;
        this.maxHeap = maxHeap;
    }

    @Override
    public Table table() {
        return Table.MEMORY;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", "in-memory (default audit log)");
        labels.put("pending entries", String.format(java.util.Locale.ROOT, "%,d", entries));
        labels.put("child JVM", "-Xmx" + maxHeap);
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        long count = warmUp ? entries / 10 : entries;
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-Xmx" + maxHeap,
                        "-XX:+UseG1GC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MemoryProbe.class.getName(),
                        Long.toString(count)))
                .redirectErrorStream(true)
                .start();
        String last = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("heap-before=")) {
                    last = line;
                }
            }
        }
        if (!child.waitFor(5, TimeUnit.MINUTES) || child.exitValue() != 0 || last == null) {
            throw new IllegalStateException("Memory probe with -Xmx" + maxHeap + " failed: " + output);
        }
        Map<String, Long> values = new HashMap<>();
        for (String pair : last.split(" ")) {
            String[] parts = pair.split("=");
            values.put(parts[0], Long.parseLong(parts[1]));
        }
        if (values.get("pending") != count) {
            throw new IllegalStateException(
                    "Memory probe holds " + values.get("pending") + " pending entries, not " + count);
        }
        long held = values.get("heap-after") - values.get("heap-before");
        return Metrics.of(Metric.HEAP_MIB, values.get("heap-after") / (1024.0 * 1024.0))
                .with(Metric.BYTES_PER_ENTRY, (double) held / count);
    }
}
