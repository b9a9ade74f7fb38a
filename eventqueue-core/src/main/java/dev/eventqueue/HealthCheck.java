package dev.eventqueue;

import dev.eventqueue.dispatch.DispatchRuntime;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.QueueCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Computes a {@link HealthReport} from the store and the running loops. */
final class HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

    /** A loop is late when it has not gone round for two intervals plus this grace. */
    private static final Duration LOOP_GRACE = Duration.ofSeconds(5);

    private final EventQueueRepository repository;
    private final EventQueueConfig config;

    HealthCheck(EventQueueRepository repository, EventQueueConfig config) {
        this.repository = repository;
        this.config = config;
    }

    HealthReport evaluate(DispatchRuntime runtime) {
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        details.put("running", runtime != null);
        QueueCounts counts;
        Instant oldestDueSince;
        Instant now;
        long blockedAggregates;
        try {
            now = repository.clock().instant();
            counts = repository.countByStatus();
            oldestDueSince = repository.oldestDueSince(now);
            blockedAggregates = repository.countBlockedOrderingKeys();
        } catch (RuntimeException e) {
            details.put("store", "unreachable: " + e);
            return new HealthReport(HealthReport.Status.DOWN, details);
        }
        details.put("store", "reachable");
        details.put("pending", counts.pending());
        details.put("processing", counts.processing());
        details.put("failed", counts.failed());
        // Counted from when the entry became due (its retry time, or when it was made pending again).
        long oldestDueAgeMs = oldestDueSince == null
                ? 0
                : Math.max(0, Duration.between(oldestDueSince, now).toMillis());
        details.put("oldestDueAgeMs", oldestDueAgeMs);
        if (oldestDueAgeMs > config.healthMaxLag().toMillis()) {
            reasons.add("oldest due entry has been due for " + oldestDueAgeMs + " ms (threshold "
                    + config.healthMaxLag().toMillis() + " ms)");
        }
        checkOrphans(now, details, reasons);
        details.put("blockedAggregates", blockedAggregates);
        if (blockedAggregates > 0) {
            reasons.add(blockedAggregates + " aggregate(s) blocked by a failed entry of an ordered handler "
                    + "(retry or delete the failed entry to let the aggregate go on)");
        }
        Map<String, String> stopped = new LinkedHashMap<>();
        List<String> down = new ArrayList<>();
        if (runtime != null) {
            details.put("owner", runtime.owner());
            runtime.stoppedThreads().forEach((role, thread) -> {
                stopped.put(role, thread);
                down.add(role + " (thread " + thread + ") has stopped");
            });
        }
        storeStoppedThreads().forEach((role, what) -> {
            stopped.put(role, what);
            down.add(role + " has stopped: " + what);
        });
        if (!stopped.isEmpty()) {
            details.put("stoppedThreads", stopped);
            details.put("reasons", down);
            return new HealthReport(HealthReport.Status.DOWN, details);
        }
        if (runtime != null) {
            checkLoop(runtime, Loop.FOREGROUND, "processingLoop", details, reasons);
            checkLoop(runtime, Loop.BACKGROUND, "backgroundLoop", details, reasons);
        }
        if (!reasons.isEmpty()) {
            details.put("reasons", List.copyOf(reasons));
            return new HealthReport(HealthReport.Status.DEGRADED, details);
        }
        return new HealthReport(HealthReport.Status.UP, details);
    }

    /** The store's threads that ended (an outbox relay, say); masked, as they may quote an error. */
    private Map<String, String> storeStoppedThreads() {
        Map<String, String> stopped = new LinkedHashMap<>();
        try {
            repository.stoppedThreads().forEach((role, what) -> stopped.put(role, SecretMasking.mask(what)));
        } catch (RuntimeException e) {
            LOG.warn("The store could not tell which of its threads stopped: {}", SecretMasking.mask(e.toString()));
        }
        return stopped;
    }

    /** Orphans wait for ever: named, and a reason to be DEGRADED. Unknown when the store keeps no nodes. */
    private void checkOrphans(Instant now, Map<String, Object> details, List<String> reasons) {
        Orphans orphans;
        try {
            orphans = Orphans.find(repository, now);
        } catch (RuntimeException e) {
            details.put("orphans", "unknown: " + e.getMessage());
            return;
        }
        details.put("runningNodes", orphans.runningNodes());
        if (!orphans.known()) {
            return;
        }
        details.put("orphans", orphans.byHandler());
        if (orphans.total() > 0) {
            reasons.add(orphans.total() + " pending entries wait for handlers no running dispatcher has: "
                    + String.join(", ", orphans.handlers()));
        }
    }

    private static void checkLoop(
            DispatchRuntime runtime, Loop loop, String name, Map<String, Object> details, List<String> reasons) {
        Duration since = runtime.sinceLastPoll(loop);
        Duration allowed = runtime.interval(loop).multipliedBy(2).plus(LOOP_GRACE);
        boolean recent = since.compareTo(allowed) <= 0;
        details.put(name, Map.of("lastPollAgeMs", since.toMillis(), "recent", recent));
        if (!recent) {
            reasons.add(name + " has not polled for " + since.toMillis() + " ms");
        }
    }
}
