package dev.eventqueue.example.cli;

import dev.eventqueue.BulkResult;
import dev.eventqueue.EventQueueConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;

/**
 * Base of the commands that change entries by filter (retry, purge): a dry run first unless
 * {@code --yes} says to go ahead; see {@link ConfirmOptions}.
 */
abstract class BulkCommand extends DatabaseCommand {

    @Mixin
    FilterOptions filters;

    @Mixin
    ConfirmOptions confirm;

    /** Runs the operation; a dry run when {@code dryRun}. */
    abstract BulkResult apply(AdminSession session, boolean dryRun);

    /** What the command does to entries, e.g. "retried"; and "retry" for the hint. */
    abstract String pastTense();

    abstract String verb();

    /** The text that describes a result, e.g. "3 failed entries". */
    abstract String describe(BulkResult result);

    @Override
    final int run(AdminSession session, EventQueueConfig config) {
        BulkResult result = apply(session, !confirm.confirmed());
        boolean unconfirmed = confirm.unconfirmed();
        String hint = "nothing was changed: add --yes to " + verb() + " them";
        if (json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            if (unconfirmed) {
                json.put("status", "not-confirmed");
                json.put("error", hint);
                json.put("exitCode", ExitCodes.NOT_CONFIRMED);
            }
            json.put("table", session.queueName());
            json.put("filter", filters.describe());
            json.put("dryRun", result.dryRun());
            json.put("failed", result.failed());
            json.put("orphans", result.orphans());
            json.put("total", result.total());
            JsonOutput.print(out(), json);
        } else if (result.dryRun()) {
            out().println("Would have " + pastTense() + " " + describe(result) + " in " + session.queueName()
                    + " (dry run).");
            if (unconfirmed) {
                out().println(Character.toUpperCase(hint.charAt(0)) + hint.substring(1) + ".");
            }
        } else {
            out().println(Character.toUpperCase(pastTense().charAt(0))
                    + pastTense().substring(1) + " " + describe(result) + " in "
                    + session.queueName() + ".");
        }
        return unconfirmed ? ExitCodes.NOT_CONFIRMED : ExitCodes.OK;
    }

    static String entries(long count, String kind) {
        return count + " " + kind + (count == 1 ? " entry" : " entries");
    }
}
