package dev.eventqueue.example.cli;

import dev.eventqueue.BulkResult;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryStatus;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "purge",
        mixinStandardHelpOptions = true,
        description = {
            "Delete failed entries, orphans (pending entries whose handler no running dispatcher has), or both.",
            "Entries being processed are never deleted, nor pending entries a running dispatcher can handle.",
            "Without --yes nothing changes: the command shows how many it would delete."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when none matched), or a --dry-run",
            "1:database unreachable, table missing, no running dispatcher known (--orphans), SQL error",
            "2:invalid command line",
            "4:not confirmed: --yes missing, nothing was changed"
        })
final class PurgeCommand extends BulkCommand {

    @Option(names = "--failed", description = "Delete failed entries (the default when --orphans is not given).")
    boolean failed;

    @Option(
            names = "--orphans",
            description = "Delete orphans: needs a running dispatcher, to know which handlers still run.")
    boolean orphans;

    @Override
    BulkResult apply(AdminSession session, boolean dryRun) {
        if (!filters.statuses.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "purge chooses entries with --failed and --orphans, not --status");
        }
        List<EntryStatus> statuses = new ArrayList<>();
        if (failed || !orphans) {
            statuses.add(EntryStatus.FAILED);
        }
        if (orphans) {
            statuses.add(EntryStatus.PENDING);
        }
        EntryFilter filter = filters.filter().toBuilder().statuses(statuses).build();
        try {
            return session.operations().purge(filter, dryRun);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    @Override
    String pastTense() {
        return "deleted";
    }

    @Override
    String verb() {
        return "delete";
    }

    @Override
    String describe(BulkResult result) {
        if (orphans && !(failed)) {
            return entries(result.orphans(), "orphaned");
        }
        if (orphans) {
            return entries(result.failed(), "failed") + " and " + entries(result.orphans(), "orphaned");
        }
        return entries(result.failed(), "failed");
    }
}
