package dev.eventqueue.example.demo;

import dev.eventqueue.example.store.DatabaseSettings;

/** The CLI options that point at the database a demo used, without its password. */
final class CliHints {

    private CliHints() {
    }

    /** Empty for the defaults, else " --database-url '...'" and the non-default user and tables. */
    static String connectionOptions(DatabaseSettings settings) {
        StringBuilder options = new StringBuilder();
        if (!settings.isDefaultUrl()) {
            options.append(" --database-url '").append(settings.maskedUrl()).append('\'');
        }
        if (settings.user() != null) {
            options.append(" --user ").append(settings.user());
        }
        if (!DatabaseSettings.DEFAULT_QUEUE_TABLE.equals(settings.queueTable())) {
            options.append(" --table ").append(settings.queueTable());
        }
        if (!DatabaseSettings.DEFAULT_AUDIT_TABLE.equals(settings.auditTable())) {
            options.append(" --audit-table ").append(settings.auditTable());
        }
        return options.toString();
    }
}
