package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The environment a command reads, once per command: the process environment, or the variables
 * given to {@link EventQueueCommand#commandLine(Map)}; and the queue settings taken from it.
 */
final class Environment {

    private Environment() {}

    /** The variables of the command line {@code spec} belongs to. */
    static Map<String, String> variables(CommandSpec spec) {
        return spec.root().userObject() instanceof EventQueueCommand root ? root.environment : System.getenv();
    }

    /**
     * The EVENT_QUEUE_* settings over {@code defaults}.
     *
     * @throws CliException with {@link ExitCodes#USAGE} naming the bad variable
     */
    static EventQueueConfig config(Map<String, String> env, Map<String, String> defaults) {
        Map<String, String> merged = new java.util.HashMap<>(defaults);
        env.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                merged.put(name, value);
            }
        });
        try {
            return EventQueueConfig.fromMap(merged);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}
