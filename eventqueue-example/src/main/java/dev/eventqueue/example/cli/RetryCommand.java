package dev.eventqueue.example.cli;

import dev.eventqueue.BulkResult;
import picocli.CommandLine.Command;

@Command(
        name = "retry",
        mixinStandardHelpOptions = true,
        description = {
            "Return the failed entries that match the filters to pending, with their full attempts again.",
            "Entries in other statuses are left alone. They run when a dispatcher with their handlers polls.",
            "Without --yes nothing changes: the command shows how many it would retry."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when none matched), or a --dry-run",
            "1:database unreachable, table missing or an SQL error",
            "2:invalid command line",
            "4:not confirmed: --yes missing, nothing was changed"
        })
final class RetryCommand extends BulkCommand {

    @Override
    BulkResult apply(AdminSession session, boolean dryRun) {
        return session.operations().retry(filters.filter(), dryRun);
    }

    @Override
    String pastTense() {
        return "retried";
    }

    @Override
    String verb() {
        return "retry";
    }

    @Override
    String describe(BulkResult result) {
        return entries(result.failed(), "failed");
    }
}
