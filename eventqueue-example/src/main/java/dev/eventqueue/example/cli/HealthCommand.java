package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = {
            "Check the queue: UP, DEGRADED (old backlog, or orphans) or DOWN (store unreachable).",
            "Reports whether the store answers, the failed count, and the orphans per handler.",
            "It says how long the oldest due entry has been due, counted from its due time, never from its creation.",
            "That age past $EVENT_QUEUE_HEALTH_MAX_LAG ms (default 5 minutes) makes the queue DEGRADED.",
            "The loops of running dispatchers are checked by their own getHealth(); this command runs none.",
            "With --json an unreachable database prints {\"status\":\"DOWN\",...} on stdout."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:UP", "1:DOWN, database unreachable, table missing", "2:invalid command line", "3:DEGRADED"})
final class HealthCommand extends DatabaseCommand {

    private static final String[] KEY_ORDER = {
        "store", "pending", "processing", "failed", "oldestDueAgeMs", "runningNodes", "orphans", "reasons"
    };

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        HealthReport health = session.dispatcher().getHealth();
        Map<String, Object> details = new LinkedHashMap<>();
        for (String key : KEY_ORDER) {
            if (health.details().containsKey(key)) {
                details.put(key, health.details().get(key));
            }
        }
        // The CLI's own dispatcher never runs; "running" would describe this process, not the queue.
        health.details().forEach((key, value) -> {
            if (!key.equals("running")) {
                details.putIfAbsent(key, value);
            }
        });
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", health.status().name());
            result.put("table", session.queueName());
            result.put("details", details);
            JsonOutput.print(out(), result);
        } else {
            out().println(health.status() + "  queue " + session.queueName() + " in " + session.location());
            details.forEach((key, value) -> out().printf("  %-16s %s%n", key, value));
        }
        return switch (health.status()) {
            case UP -> ExitCodes.OK;
            case DEGRADED -> ExitCodes.UNHEALTHY;
            case DOWN -> ExitCodes.FAILURE;
        };
    }
}
