package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "retry-failed",
        mixinStandardHelpOptions = true,
        description = {
            "Return failed entries to pending with full attempts again, oldest first.",
            "They run when a dispatcher with their handlers next polls the queue; this command runs none."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when there was nothing to retry)",
            "1:database unreachable, table missing or an SQL error",
            "2:invalid command line"
        })
final class RetryFailedCommand extends DatabaseCommand {

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "Retry at most N entries (default: ${DEFAULT-VALUE}).")
    void setLimit(int limit) {
        this.limit = Limits.positive(spec, "--limit", limit);
    }

    private int limit;

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        int retried = session.dispatcher().retryFailedEvents(limit);
        long stillFailed = session.dispatcher().getStats().failed();
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("table", session.queueName());
            result.put("retried", retried);
            result.put("stillFailed", stillFailed);
            JsonOutput.print(out(), result);
            return ExitCodes.OK;
        }
        if (retried == 0) {
            out().println("No failed entries to retry in " + session.queueName() + ".");
        } else {
            out().println(
                            "Retried " + retried + " failed " + (retried == 1 ? "entry" : "entries")
                                    + ": pending again with full attempts; a running dispatcher with their handlers will pick them up.");
        }
        if (stillFailed > 0) {
            out().println(stillFailed + " failed " + (stillFailed == 1 ? "entry remains" : "entries remain")
                    + " (raise --limit to retry more).");
        }
        return ExitCodes.OK;
    }
}
