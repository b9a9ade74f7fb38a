package dev.eventqueue.faults;

/**
 * The knobs of a run. The lease is short so that recovery shows within seconds; every handler run
 * sleeps {@code workMillis} so a run lasts long enough for faults to land inside it.
 */
record Settings(
        int events,
        long leaseMillis,
        long workMillis,
        long handlerTimeoutMillis,
        long agingMillis,
        int poolSize,
        boolean quick,
        boolean keepCompleted) {

    static Settings full(int events) {
        return new Settings(events, 5_000, 20, 60_000, 60_000, 8, false, true);
    }

    static Settings quick(int events) {
        return new Settings(events, 5_000, 20, 60_000, 60_000, 8, true, true);
    }

    Settings withHandlerTimeout(long millis) {
        return new Settings(events, leaseMillis, workMillis, millis, agingMillis, poolSize, quick, keepCompleted);
    }

    Settings withAging(long millis, long work) {
        return new Settings(events, leaseMillis, work, handlerTimeoutMillis, millis, poolSize, quick, keepCompleted);
    }

    /** The workers' completions delete their entries instead of keeping them as completed. */
    Settings withCompletedDeleted() {
        return new Settings(events, leaseMillis, workMillis, handlerTimeoutMillis, agingMillis, poolSize, quick, false);
    }

    /** The recovery target: the lease plus two seconds. */
    double recoveryTargetSeconds() {
        return leaseMillis / 1000.0 + 2;
    }
}
