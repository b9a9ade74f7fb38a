package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import java.util.Map;

/** The process environment, read once per command, and the queue settings taken from it. */
final class Environment {

    private Environment() {}

    static Map<String, String> variables() {
        return System.getenv();
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
