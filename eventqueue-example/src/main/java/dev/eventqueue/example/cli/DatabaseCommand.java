package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.NatsSettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the admin commands: store options, --json, --verbose, and an open session. */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    OutputOptions output;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        Map<String, String> env = Environment.variables(spec);
        EventQueueConfig config = Environment.config(env, Map.of());
        NatsSettings nats = database.nats(env);
        try (AdminSession session = nats != null
                ? AdminSession.open(nats, config)
                : AdminSession.open(database.settings(env, config, DatabaseSettings.DEFAULT_ATTEMPTS_TABLE), config)) {
            return run(session, config);
        }
    }

    /** Does the command's work; returns the exit code. */
    abstract int run(AdminSession session, EventQueueConfig config);

    boolean json() {
        return output.json;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
