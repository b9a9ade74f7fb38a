package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.demo.DemoOptions;
import dev.eventqueue.example.demo.DemoRun;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.NatsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the online-test demo (attempts created, answered, submitted; four handlers).",
            "Handlers run in the foreground and background loops; one is retried, one fails for good.",
            "Shows live progress, a summary, the audit trail of one attempt, and how to inspect the queue.",
            "Default store: the embedded H2 file ./data/eventqueue-demo (kept for the CLI).",
            "USE_DATABASE_EVENT_QUEUE=false or --in-memory: an in-memory queue instead.",
            "--nats-url or EVENT_QUEUE_NATS_URL: the queue in NATS JetStream (attempts and audit trail in memory)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every entry completed or failed as intended",
            "1:database or NATS server unusable, timeout, or an unexpected outcome",
            "2:invalid command line or setting"
        })
public final class DemoCommand implements Callable<Integer> {

    /** Short loop intervals so the demo finishes in seconds; EVENT_QUEUE_* variables override them. */
    static final Map<String, String> DEMO_DEFAULTS = Map.of(
            EventQueueConfig.PROCESSING_INTERVAL, "200",
            EventQueueConfig.BACKGROUND_INTERVAL, "500");

    @Mixin
    DatabaseOptions database;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--attempts",
            paramLabel = "N",
            defaultValue = "20",
            description = "Attempts to run (default: ${DEFAULT-VALUE}); e.g. 1000 for a load demo.")
    int attempts;

    @Option(
            names = "--answers",
            paramLabel = "N",
            defaultValue = "2",
            description = "Answers per attempt, one AnswerUpdated event each (default: ${DEFAULT-VALUE}).")
    int answers;

    @Option(
            names = "--retry-delay-ms",
            paramLabel = "MS",
            defaultValue = "300",
            description = "Delay before the scoring and notification handlers' retries (default: ${DEFAULT-VALUE}).")
    long retryDelayMs;

    @Option(
            names = "--timeout-seconds",
            paramLabel = "S",
            defaultValue = "300",
            description = "Give up (exit 1) if the run has not finished after S seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(
            names = "--attempts-table",
            paramLabel = "NAME",
            defaultValue = DatabaseSettings.DEFAULT_ATTEMPTS_TABLE,
            description = "Table for the attempts themselves (default: ${DEFAULT-VALUE}).")
    String attemptsTable;

    @Option(names = "--in-memory", description = "Use the in-memory queue (as USE_DATABASE_EVENT_QUEUE=false does).")
    boolean inMemory;

    @Option(names = "--plain", description = "Progress as plain lines even on a terminal.")
    boolean plain;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = Environment.variables(spec);
        EventQueueConfig config = Environment.config(env, DEMO_DEFAULTS);
        boolean memory = inMemory || "false".equalsIgnoreCase(trimmed(env.get(EventQueueConfig.USE_DATABASE)));
        if (memory && (database.url != null || database.natsUrl != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    (database.url != null ? "--database-url" : "--nats-url")
                            + " cannot be used with the in-memory queue "
                            + "(--in-memory or USE_DATABASE_EVENT_QUEUE=false)");
        }
        NatsSettings nats = memory ? null : database.nats(env);
        DatabaseSettings settings = memory || nats != null ? null : database.settings(env, config, attemptsTable);
        DemoOptions options;
        try {
            options = new DemoOptions(
                    attempts,
                    answers,
                    Duration.ofMillis(positive("--retry-delay-ms", retryDelayMs)),
                    Duration.ofSeconds(positive("--timeout-seconds", timeoutSeconds)),
                    plain,
                    settings,
                    nats,
                    config,
                    cliCommand(env));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean asIntended = new DemoRun(options, System.out).execute();
        return asIntended ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private long positive(String option, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, but was " + value);
        }
        return value;
    }

    /** The root scripts say how they were called, so the hints show the command the user types. */
    private static String cliCommand(Map<String, String> env) {
        String launcher = trimmed(env.get("EVENTQUEUE_CLI"));
        return launcher != null && !launcher.isEmpty()
                ? launcher
                : "java -jar eventqueue-example/target/eventqueue-example.jar";
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
