package dev.eventqueue;

import dev.eventqueue.dispatch.DispatchRuntime;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.QueueCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a {@link HealthReport} from the store and the running loops. */
final class HealthCheck {

    /** A loop is late when it has not gone round for two intervals plus this grace. */
    private static final Duration LOOP_GRACE = Duration.ofSeconds(5);

    private final EventQueueRepository repository;
    private final EventQueueConfig config;
    private final Clock clock;

    HealthCheck(EventQueueRepository repository, EventQueueConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    HealthReport evaluate(DispatchRuntime runtime) {
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        details.put("running", runtime != null);
        QueueCounts counts;
        Instant oldestDueSince;
        Instant now = clock.instant();
        try {
            counts = repository.countByStatus();
            oldestDueSince = repository.oldestDueSince(now);
        } catch (RuntimeException e) {
            details.put("store", "unreachable: " + e);
            return new HealthReport(HealthReport.Status.DOWN, details);
        }
        details.put("store", "reachable");
        details.put("pending", counts.pending());
        details.put("processing", counts.processing());
        details.put("failed", counts.failed());
        long oldestDueAgeMs = oldestDueSince == null
                ? 0
                : Math.max(0, Duration.between(oldestDueSince, now).toMillis());
        details.put("oldestDueAgeMs", oldestDueAgeMs);
        if (oldestDueAgeMs > config.healthMaxLag().toMillis()) {
            reasons.add("oldest due entry has waited " + oldestDueAgeMs + " ms (threshold "
                    + config.healthMaxLag().toMillis() + " ms)");
        }
        if (runtime != null) {
            details.put("owner", runtime.owner());
            checkLoop(runtime, false, "processingLoop", details, reasons);
            checkLoop(runtime, true, "backgroundLoop", details, reasons);
        }
        if (!reasons.isEmpty()) {
            details.put("reasons", List.copyOf(reasons));
            return new HealthReport(HealthReport.Status.DEGRADED, details);
        }
        return new HealthReport(HealthReport.Status.UP, details);
    }

    private static void checkLoop(
            DispatchRuntime runtime,
            boolean background,
            String name,
            Map<String, Object> details,
            List<String> reasons) {
        Duration since = runtime.sinceLastPoll(background);
        Duration allowed = runtime.interval(background).multipliedBy(2).plus(LOOP_GRACE);
        boolean recent = since.compareTo(allowed) <= 0;
        details.put(name, Map.of("lastPollAgeMs", since.toMillis(), "recent", recent));
        if (!recent) {
            reasons.add(name + " has not polled for " + since.toMillis() + " ms");
        }
    }
}
