package dev.eventqueue.jdbc;

/**
 * When the next vacuum of a queue table is due: once {@code entriesBetween} entries finished on
 * this node since the last one started, and never sooner than {@code minimumGapNanos} after it,
 * so that a fast node does not vacuum a large table back to back.
 */
final class VacuumSchedule {

    private final long entriesBetween;
    private final long minimumGapNanos;
    private long finishedSinceLast;
    private long lastStartNanos;
    private boolean startedOnce;

    VacuumSchedule(long entriesBetween, long minimumGapNanos) {
        if (entriesBetween < 1) {
            throw new IllegalArgumentException("entriesBetween must be at least 1, but was " + entriesBetween);
        }
        this.entriesBetween = entriesBetween;
        this.minimumGapNanos = minimumGapNanos;
    }

    /** Counts {@code entries} finished at {@code nowNanos}; true when a vacuum should start now (counted as started). */
    synchronized boolean finished(int entries, long nowNanos) {
        finishedSinceLast += entries;
        if (finishedSinceLast < entriesBetween) {
            return false;
        }
        if (startedOnce && nowNanos - lastStartNanos < minimumGapNanos) {
            return false;
        }
        finishedSinceLast = 0;
        lastStartNanos = nowNanos;
        startedOnce = true;
        return true;
    }
}
