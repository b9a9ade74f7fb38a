package dev.eventqueue.example.demo;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.NatsSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * One demo run's settings.
 *
 * @param database    the queue's database; {@code null} for the in-memory queue or the JetStream store
 * @param nats        the JetStream store; {@code null} otherwise
 * @param cliCommand  how the user invokes the CLI, for the hints at the end (e.g. "./eventqueue")
 */
public record DemoOptions(
        int attempts,
        int answersPerAttempt,
        Duration retryDelay,
        Duration timeout,
        boolean plain,
        DatabaseSettings database,
        NatsSettings nats,
        EventQueueConfig config,
        String cliCommand) {

    public DemoOptions {
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(cliCommand, "cliCommand");
        if (database != null && nats != null) {
            throw new IllegalArgumentException("a demo runs on a database or on NATS JetStream, not both");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, but was " + attempts);
        }
        if (answersPerAttempt < 0) {
            throw new IllegalArgumentException("answers must be >= 0, but was " + answersPerAttempt);
        }
    }

    public boolean inMemory() {
        return database == null && nats == null;
    }
}
