package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "cleanup",
        mixinStandardHelpOptions = true,
        description = {
            "Delete completed entries older than the retention period.",
            "Failed and pending entries are never deleted."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when nothing was old enough)",
            "1:database unreachable, table missing or an SQL error",
            "2:invalid command line"
        })
final class CleanupCommand extends DatabaseCommand {

    @Option(
            names = "--retention-days",
            paramLabel = "N",
            description = {
                "Keep completed entries younger than N days; 0 deletes every completed entry.",
                "Default: $EVENT_QUEUE_RETENTION_DAYS, else 7."
            })
    void setRetentionDays(int days) {
        this.retentionDays = Limits.notNegative(spec, "--retention-days", days);
    }

    private Integer retentionDays;

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        int days = retentionDays != null ? retentionDays : config.retentionDays();
        int deleted = session.dispatcher().cleanupOlderThan(Duration.ofDays(days));
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("table", session.settings().queueTable());
            result.put("retentionDays", days);
            result.put("deleted", deleted);
            JsonOutput.print(out(), result);
        } else {
            out().println("Deleted " + deleted + " completed " + (deleted == 1 ? "entry" : "entries")
                    + " last updated more than " + days + (days == 1 ? " day" : " days") + " ago from "
                    + session.settings().queueTable() + ".");
        }
        return ExitCodes.OK;
    }
}
