package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.store.DatabaseSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which database and tables a command uses: options first, then the environment, then the
 * demo's embedded H2 file.
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
