package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "cleanup",
        mixinStandardHelpOptions = true,
        description = {
            "Delete completed entries older than the retention period.",
            "Failed and pending entries are never deleted.",
            "Without --yes nothing changes: the command shows how many it would delete."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when nothing was old enough), or a --dry-run",
            "1:database unreachable, table missing or an SQL error",
            "2:invalid command line",
            "4:not confirmed: --yes missing, nothing was changed"
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

    @Mixin
    ConfirmOptions confirm;

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        int days = retentionDays != null ? retentionDays : config.retentionDays();
        String table = session.queueName();
        boolean unconfirmed = confirm.unconfirmed();
        long count;
        if (confirm.confirmed()) {
            count = session.dispatcher().cleanupOlderThan(Duration.ofDays(days));
        } else {
            Instant cutoff =
                    session.dispatcher().getRepository().clock().instant().minus(Duration.ofDays(days));
            count = session.dispatcher()
                    .getRepository()
                    .countEntries(EntryFilter.builder()
                            .status(EntryStatus.COMPLETED)
                            .updatedBefore(cutoff)
                            .build());
        }
        String what = count + " completed " + (count == 1 ? "entry" : "entries") + " last updated more than " + days
                + (days == 1 ? " day" : " days") + " ago";
        String hint = "nothing was changed: add --yes to delete them";
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            if (unconfirmed) {
                result.put("status", "not-confirmed");
                result.put("error", hint);
                result.put("exitCode", ExitCodes.NOT_CONFIRMED);
            }
            result.put("table", table);
            result.put("retentionDays", days);
            result.put("dryRun", !confirm.confirmed());
            result.put("deleted", confirm.confirmed() ? count : 0);
            result.put("wouldDelete", confirm.confirmed() ? 0 : count);
            JsonOutput.print(out(), result);
        } else if (confirm.confirmed()) {
            out().println("Deleted " + what + " from " + table + ".");
        } else {
            out().println("Would have deleted " + what + " from " + table + " (dry run).");
            if (unconfirmed) {
                out().println("Nothing was changed: add --yes to delete them.");
            }
        }
        return unconfirmed ? ExitCodes.NOT_CONFIRMED : ExitCodes.OK;
    }
}
