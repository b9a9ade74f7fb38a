package dev.eventqueue.bench.harness;

import java.io.PrintStream;

/** Progress lines with the time since the benchmark started. */
public final class Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void line(String format, Object... args) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        out.printf("[%02d:%02d] %s%n", seconds / 60, seconds % 60, String.format(java.util.Locale.ROOT, format, args));
        out.flush();
    }

    public long elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }
}
