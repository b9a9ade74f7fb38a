package dev.eventqueue.example.demo;

import dev.eventqueue.QueueStats;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.handlers.AttemptAuditHandler;
import dev.eventqueue.example.handlers.AttemptCreatedHandler;
import dev.eventqueue.example.handlers.HandlerActivity;
import dev.eventqueue.example.handlers.NotificationHandler;
import dev.eventqueue.example.handlers.ScoringHandler;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.text.TextTable;
import dev.eventqueue.example.text.Texts;
import dev.eventqueue.handler.EventHandler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The demo's text: what it is about to do, the per-handler result, one audit trail, and the verdict. */
final class DemoReport {

    private static final Map<String, String> ROLES = Map.of(
            AttemptCreatedHandler.NAME, "prepares the question sheet",
            ScoringHandler.NAME, "fails once, succeeds on retry",
            AttemptAuditHandler.NAME, "audits every attempt event",
            NotificationHandler.NAME, "always fails, then onFailure");

    private static final int LOAD_RUN_ENTRIES = 1000;

    private final DemoOptions options;
    private final PrintStream out;
    private final List<EventHandler<?>> handlers;

    DemoReport(DemoOptions options, PrintStream out, List<EventHandler<?>> handlers) {
        this.options = options;
        this.out = out;
        List<EventHandler<?>> byPriority = new ArrayList<>(handlers);
        byPriority.sort(Comparator.comparingInt(EventHandler::getPriority));
        this.handlers = byPriority;
    }

    void header(DemoBackend backend) {
        out.printf(
                "eventqueue demo: %d attempts with %d answers each, queue %s%n",
                options.attempts(), options.answersPerAttempt(), backend.description());
        out.printf(
                "processing loop every %d ms, background loop every %d ms, retry delay %d ms, retries %s%n",
                options.config().processingInterval().toMillis(),
                options.config().backgroundInterval().toMillis(),
                options.retryDelay().toMillis(),
                options.config().retriesEnabled() ? "on" : "off");
        out.println();
        TextTable table = new TextTable()
                .column("HANDLER")
                .numericColumn("PRIORITY")
                .column("LOOP")
                .numericColumn("ATTEMPTS")
                .column("ROLE");
        for (EventHandler<?> handler : handlers) {
            table.row(
                    handler.getName(),
                    handler.getPriority(),
                    loop(handler),
                    handler.getMaxRetries() + 1,
                    ROLES.getOrDefault(handler.getName(), ""));
        }
        table.render("  ").forEach(out::println);
        out.println();
        out.flush();
    }

    /** Warns that the counts by status include entries of earlier runs. */
    void earlierEntries(QueueStats queue) {
        long total = queue.pending() + queue.processing() + queue.completed() + queue.failed();
        if (total > 0) {
            out.printf(
                    "The queue already holds %d entries from earlier runs; the counts by status include them.%n%n",
                    total);
        }
    }

    void summary(RunTally tally, HandlerActivity activity, QueueStats queue) {
        out.println();
        out.println("Entries of this run, by handler:");
        TextTable table = new TextTable()
                .column("HANDLER")
                .numericColumn("PRIORITY")
                .column("LOOP")
                .numericColumn("ENTRIES")
                .numericColumn("COMPLETED")
                .numericColumn("FAILED")
                .numericColumn("RETRIES")
                .numericColumn("ONFAILURE");
        Map<String, RunTally.HandlerCounts> counts = tally.byHandler();
        long[] totals = new long[5];
        for (EventHandler<?> handler : handlers) {
            RunTally.HandlerCounts c = counts.getOrDefault(handler.getName(), new RunTally.HandlerCounts());
            long onFailure = onFailureCalls(handler.getName(), tally, activity);
            long[] row = {
                c.completed.get() + c.failed.get(), c.completed.get(), c.failed.get(), c.retries.get(), onFailure
            };
            for (int i = 0; i < row.length; i++) {
                totals[i] += row[i];
            }
            table.row(handler.getName(), handler.getPriority(), loop(handler), row[0], row[1], row[2], row[3], row[4]);
        }
        table.row("total", "", "", totals[0], totals[1], totals[2], totals[3], totals[4]);
        table.render("  ").forEach(out::println);
        out.println();
        out.printf(
                "Queue statistics (whole queue): pending %d, processing %d, completed %d, failed %d%n",
                queue.pending(), queue.processing(), queue.completed(), queue.failed());
    }

    void auditTrail(DemoScenario.AttemptTrace attempt, AuditLog auditLog) {
        List<Row> rows = new ArrayList<>();
        for (DomainEvent event : attempt.events()) {
            for (AuditRecord record : auditLog.findByEventId(event.getEventId())) {
                rows.add(new Row(record, rows.size()));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.record.timestamp()).thenComparingInt(r -> r.order));
        out.println();
        out.printf(
                "Audit trail of attempt %s (%s): %d events, %d records%n",
                attempt.attemptId(), attempt.candidateId(), attempt.events().size(), rows.size());
        if (rows.isEmpty()) {
            return;
        }
        TextTable table = new TextTable()
                .numericColumn("+MS")
                .column("EVENT")
                .column("HANDLER")
                .column("ACTION")
                .numericColumn("ATTEMPT")
                .column("USER")
                .column("ERROR", 64);
        java.time.Instant start = rows.get(0).record.timestamp();
        for (Row row : rows) {
            AuditRecord r = row.record;
            table.row(
                    Duration.between(start, r.timestamp()).toMillis(),
                    r.eventType(),
                    r.handlerName() == null ? "-" : r.handlerName(),
                    r.action(),
                    r.attempt(),
                    r.userId(),
                    Texts.shortError(r.error()));
        }
        table.render("  ").forEach(out::println);
    }

    /** After Ctrl-C: what is left and where. */
    void interrupted(RunTally tally, DemoBackend backend) {
        out.printf("Interrupted: %d of %d entries of this run were done.%n", tally.terminal(), tally.published());
        out.println(
                backend.isDurable()
                        ? "The rest wait in the queue; entries claimed at the moment return to it when their lease expires."
                        : "The rest were in memory and are gone.");
        out.flush();
    }

    /** Prints whether the run ended as the scenario intends; returns that. */
    boolean verdict(boolean finished, RunTally tally, HandlerActivity activity, Duration took) {
        List<String> problems =
                new DemoExpectations(options).check(tally, onFailureCalls(NotificationHandler.NAME, tally, activity));
        out.println();
        if (!finished) {
            out.printf(
                    "Demo did NOT finish within %d s: %d of %d entries done.%n",
                    options.timeout().toSeconds(), tally.terminal(), tally.published());
            return false;
        }
        if (!problems.isEmpty()) {
            out.println("Demo finished with UNEXPECTED results:");
            problems.forEach(problem -> out.println("  - " + problem));
            return false;
        }
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        // A rate means something for a load run, not for a few entries waiting on retry delays.
        String rate = tally.published() >= LOAD_RUN_ENTRIES
                ? String.format(" (%.0f a second)", tally.published() / seconds)
                : "";
        out.printf(
                "Demo finished in %.1f s: %d entries%s, every one completed or failed as intended.%n",
                seconds, tally.published(), rate);
        return true;
    }

    void cliHints(DemoBackend backend, DemoScenario.AttemptTrace attempt) {
        out.println();
        if (!backend.isDurable()) {
            out.println("The in-memory queue ended with this process. Run the demo on a database (the default)");
            out.println("to inspect its queue afterwards with " + options.cliCommand() + ".");
            out.flush();
            return;
        }
        DomainEvent submitted = attempt.events().get(attempt.events().size() - 1);
        boolean nats = options.nats() != null;
        out.println("Inspect the queue with the operator CLI (the " + (nats ? "JetStream bucket" : "database")
                + " outlives this process):");
        List<String> variables = nats ? CliHints.variables(options.nats()) : CliHints.variables(options.database());
        if (!variables.isEmpty()) {
            out.println("  export " + String.join(" ", variables));
        }
        if (!nats && options.database().password() != null) {
            out.println("  export " + DatabaseSettings.PASSWORD_VARIABLE + "=...   # the password (not shown)");
        }
        String cli = options.cliCommand();
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {cli + " stats", "counts by status"});
        commands.add(new String[] {cli + " health", "UP / DEGRADED / DOWN, exit code 0 / 3 / 1"});
        commands.add(new String[] {cli + " failed --limit 5", "failed entries with their last error"});
        if (!nats) { // the JetStream store keeps no audit trail
            commands.add(
                    new String[] {cli + " audit " + submitted.getEventId(), "the trail of the submitted event above"});
        }
        commands.add(new String[] {cli + " retry-failed --limit 5", "failed -> pending, full attempts again"});
        commands.add(new String[] {cli + " entries --status failed", "entries by status, handler, error text, ..."});
        commands.add(new String[] {
            cli + " cleanup --retention-days 0 --yes", "delete completed entries (without --yes: a dry run)"
        });
        commands.add(new String[] {cli + " --help", "all commands and options; add --json for scripts"});
        int width = commands.stream().mapToInt(c -> c[0].length()).max().orElse(0);
        for (String[] command : commands) {
            out.printf("  %-" + width + "s   # %s%n", command[0], command[1]);
        }
        out.flush();
    }

    private static long onFailureCalls(String handlerName, RunTally tally, HandlerActivity activity) {
        return activity.gaveUpOn(handlerName).stream().filter(tally::isRunEvent).count();
    }

    private static String loop(EventHandler<?> handler) {
        return handler.isBackground() ? "background" : "foreground";
    }

    private record Row(AuditRecord record, int order) {}
}
