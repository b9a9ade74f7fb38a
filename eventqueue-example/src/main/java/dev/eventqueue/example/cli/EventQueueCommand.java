package dev.eventqueue.example.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventqueue}: the operator CLI, and the demo. */
@Command(
        name = "eventqueue",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Look into an eventqueue queue in a database or in NATS JetStream and act on it, or run the demo.",
            "Works with every store the library supports: H2, PostgreSQL, MariaDB/MySQL, and NATS JetStream",
            "(--nats-url)."
        },
        subcommands = {
            DemoCommand.class,
            StatsCommand.class,
            HealthCommand.class,
            EntriesCommand.class,
            EntryCommand.class,
            FailedCommand.class,
            RetryCommand.class,
            RetryFailedCommand.class,
            PurgeCommand.class,
            CleanupCommand.class,
            AuditCommand.class,
            DashboardCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  EVENT_QUEUE_DATABASE_URL       JDBC URL (default: the demo's H2 file)",
            "  EVENT_QUEUE_NATS_URL           NATS server(s) of a JetStream queue, used instead of a database",
            "  EVENT_QUEUE_NATS_BUCKET_PREFIX its buckets' prefix (default eventqueue)",
            "  EVENT_QUEUE_DATABASE_USER      database user",
            "  EVENT_QUEUE_DATABASE_PASSWORD  database password",
            "  EVENT_QUEUE_TABLE_NAME         queue table (default event_queue)",
            "  EVENT_QUEUE_AUDIT_TABLE_NAME   audit table (default event_audit_log)",
            "  EVENT_QUEUE_DASHBOARD_TOKEN    operator token of the dashboard (allows retry and purge)",
            "  EVENT_QUEUE_*                  queue settings, e.g. EVENT_QUEUE_RETENTION_DAYS",
            "Options given on the command line win over the environment.",
            "",
            "Exit codes:",
            "  0  success (health: UP)",
            "  1  failure: database or NATS server unreachable, table missing, event or entry not found, SQL error, health DOWN,",
            "     demo unfinished",
            "  2  invalid command line, database or NATS URL (malformed or unsupported) or EVENT_QUEUE_* setting",
            "  3  health: DEGRADED",
            "  4  retry, purge, cleanup without --yes: nothing was changed, the dry run was shown",
            "With --json a failing command prints {\"status\":...,\"error\":...,\"exitCode\":...} on stdout."
        })
public final class EventQueueCommand implements Runnable {

    private static final int USAGE_WIDTH = 120;

    /** What the commands read their EVENT_QUEUE_* and other variables from. */
    final Map<String, String> environment;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "missing command: one of demo, stats, health, entries, entry, failed, retry, retry-failed, purge, "
                        + "cleanup, audit, dashboard");
    }

    private EventQueueCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The command line with this project's error reporting: one line per failure, exit codes as documented. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * The command line of {@link #commandLine()}, reading {@code environment} instead of the
     * process environment: for running the commands inside another Java program, which sets
     * their output and error writers with {@link CommandLine#setOut} and {@link CommandLine#setErr}
     * (the demo prints its progress and summary to {@code System.out}, and the logs go to
     * {@code System.err}).
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        ErrorReporting errors = new ErrorReporting();
        // Wide enough that an example URL or a sentence of the help is never wrapped.
        CommandLine commandLine = new CommandLine(new EventQueueCommand(environment))
                .setUsageHelpWidth(USAGE_WIDTH)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
        answerVersion(commandLine);
        return commandLine;
    }

    /** Every subcommand's --version prints what the top-level one does (./demo is "eventqueue demo"). */
    private static void answerVersion(CommandLine parent) {
        for (CommandLine subcommand : parent.getSubcommands().values()) {
            subcommand.getCommandSpec().versionProvider(new Version());
            answerVersion(subcommand);
        }
    }
}
