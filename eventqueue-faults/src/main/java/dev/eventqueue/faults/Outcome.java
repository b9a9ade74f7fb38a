package dev.eventqueue.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What one scenario produced, counted from the deliveries table and the queue table.
 *
 * @param published events published
 * @param acknowledged events that reached their end: completed after a recorded successful run, or
 *     (for handlers that never succeed) failed with one recorded final failure
 * @param lost published events that did not reach their end
 * @param duplicated events with more than one successful run (or more than one final failure)
 * @param allowedDuplicates the most duplicates the scenario's target allows
 * @param heldByVictim entries the faulted worker held when the fault began (null: no victim)
 * @param recoverySeconds from the fault's end until the held entries ran elsewhere and work went on
 *     (null: the scenario has no such moment)
 * @param throughput events per second from the first publish until the queue was drained
 * @param baselineThroughput the same without a fault (0 when unknown)
 * @param deadTuples dead row versions in the queue table at the end (null where it does not apply)
 */
record Outcome(
        String scenario,
        String database,
        long published,
        long acknowledged,
        long lost,
        long duplicated,
        long allowedDuplicates,
        Long heldByVictim,
        Double recoverySeconds,
        double recoveryTargetSeconds,
        double throughput,
        double baselineThroughput,
        Long deadTuples,
        String note) {

    Outcome withBaseline(double baseline) {
        return new Outcome(
                scenario,
                database,
                published,
                acknowledged,
                lost,
                duplicated,
                allowedDuplicates,
                heldByVictim,
                recoverySeconds,
                recoveryTargetSeconds,
                throughput,
                baseline,
                deadTuples,
                note);
    }

    double ratio() {
        return baselineThroughput > 0 ? throughput / baselineThroughput : Double.NaN;
    }

    /** The targets this outcome misses, in words; empty when it meets them all. */
    List<String> misses() {
        List<String> misses = new ArrayList<>();
        if (lost > 0) {
            misses.add(lost + " lost");
        }
        if (duplicated > allowedDuplicates) {
            misses.add(duplicated + " duplicated, at most " + allowedDuplicates + " allowed");
        }
        if (recoverySeconds != null && recoveryTargetSeconds > 0 && recoverySeconds > recoveryTargetSeconds) {
            misses.add(String.format("recovery %.1f s, target %.1f s", recoverySeconds, recoveryTargetSeconds));
        }
        return misses;
    }
}
