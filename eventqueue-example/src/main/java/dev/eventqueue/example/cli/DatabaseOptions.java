package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.NatsSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which store a command uses: a NATS JetStream queue when {@code --nats-url} or its variable is
 * set, else a database and its tables (options first, then the environment, then the demo's
 * embedded H2 file).
 */
public final class DatabaseOptions {

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            description = {
                "JDBC URL of the queue's database, e.g. jdbc:postgresql://127.0.0.1:5432/test.",
                "Default: $" + DatabaseSettings.URL_VARIABLE + ", else the demo's H2 file "
                        + DatabaseSettings.DEFAULT_URL
            })
    String url;

    @Option(
            names = "--nats-url",
            paramLabel = "URL",
            description = {
                "NATS server of a JetStream queue instead of a database, e.g. nats://127.0.0.1:4222",
                "(a comma-separated list for a cluster). Default: $" + NatsSettings.URL_VARIABLE + "."
            })
    String natsUrl;

    @Option(
            names = "--nats-bucket-prefix",
            paramLabel = "NAME",
            description = "Prefix of the JetStream store's buckets (<prefix>_entries, <prefix>_nodes). Default: $"
                    + NatsSettings.BUCKET_PREFIX_VARIABLE + ", else " + NatsSettings.DEFAULT_BUCKET_PREFIX + ".")
    String natsBucketPrefix;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description = "Database user. Default: $" + DatabaseSettings.USER_VARIABLE + ".")
    String user;

    @Option(
            names = "--password",
            paramLabel = "SECRET",
            description = {
                "Database password. Default: $" + DatabaseSettings.PASSWORD_VARIABLE + ".",
                "Prefer the variable: a command line is visible to other users of the machine."
            })
    String password;

    @Option(
            names = "--table",
            paramLabel = "NAME",
            description = "Queue table. Default: $" + EventQueueConfig.TABLE_NAME + ", else "
                    + DatabaseSettings.DEFAULT_QUEUE_TABLE + ".")
    String queueTable;

    @Option(
            names = "--audit-table",
            paramLabel = "NAME",
            description = "Audit trail table. Default: $" + DatabaseSettings.AUDIT_TABLE_VARIABLE + ", else "
                    + DatabaseSettings.DEFAULT_AUDIT_TABLE + ".")
    String auditTable;

    /**
     * The effective settings.
     *
     * @param attemptsTable the demo's attempts table (commands that do not use it pass the default)
     * @throws CliException with {@link ExitCodes#USAGE} when a value is invalid
     */
    DatabaseSettings settings(Map<String, String> env, EventQueueConfig config, String attemptsTable) {
        try {
            return new DatabaseSettings(
                    first(url, env.get(DatabaseSettings.URL_VARIABLE), DatabaseSettings.DEFAULT_URL),
                    first(user, env.get(DatabaseSettings.USER_VARIABLE), null),
                    first(password, env.get(DatabaseSettings.PASSWORD_VARIABLE), null),
                    first(queueTable, config.tableName(), DatabaseSettings.DEFAULT_QUEUE_TABLE),
                    first(
                            auditTable,
                            env.get(DatabaseSettings.AUDIT_TABLE_VARIABLE),
                            DatabaseSettings.DEFAULT_AUDIT_TABLE),
                    attemptsTable);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /**
     * The JetStream queue when {@code --nats-url} or {@code EVENT_QUEUE_NATS_URL} chooses it, else
     * {@code null} (a database). An option wins over the environment.
     *
     * @throws CliException with {@link ExitCodes#USAGE} when both stores are chosen at one level,
     *     or the URL is invalid
     */
    NatsSettings nats(Map<String, String> env) {
        String chosen;
        if (notBlank(natsUrl)) {
            if (notBlank(url)) {
                throw new CliException(
                        ExitCodes.USAGE, "--nats-url and --database-url choose two different stores; give one");
            }
            chosen = natsUrl;
        } else if (notBlank(url)) {
            return null;
        } else if (notBlank(env.get(NatsSettings.URL_VARIABLE))) {
            if (notBlank(env.get(DatabaseSettings.URL_VARIABLE))) {
                throw new CliException(
                        ExitCodes.USAGE,
                        NatsSettings.URL_VARIABLE + " and " + DatabaseSettings.URL_VARIABLE
                                + " are both set and choose two different stores; unset one, or choose with "
                                + "--nats-url or --database-url");
            }
            chosen = env.get(NatsSettings.URL_VARIABLE);
        } else {
            return null;
        }
        try {
            return new NatsSettings(
                    chosen.trim(),
                    first(
                            natsBucketPrefix,
                            env.get(NatsSettings.BUCKET_PREFIX_VARIABLE),
                            NatsSettings.DEFAULT_BUCKET_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private static String first(String option, String environment, String fallback) {
        if (notBlank(option)) {
            return option.trim();
        }
        return notBlank(environment) ? environment.trim() : fallback;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
