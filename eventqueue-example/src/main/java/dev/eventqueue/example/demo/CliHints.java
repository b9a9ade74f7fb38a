package dev.eventqueue.example.demo;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.NatsSettings;
import java.util.ArrayList;
import java.util.List;

/** How to point the CLI at the store a demo used, without its password. */
final class CliHints {

    private CliHints() {}

    /**
     * The variables to export so that plain CLI commands reach this database: empty for the
     * defaults, else the URL and the non-default user and tables.
     */
    /** The variables that point plain CLI commands at this JetStream store (the URL without credentials). */
    static List<String> variables(NatsSettings settings) {
        List<String> variables = new ArrayList<>();
        variables.add(NatsSettings.URL_VARIABLE + "='" + settings.maskedUrl() + "'");
        if (!settings.isDefaultBucketPrefix()) {
            variables.add(NatsSettings.BUCKET_PREFIX_VARIABLE + "=" + settings.bucketPrefix());
        }
        return variables;
    }

    static List<String> variables(DatabaseSettings settings) {
        List<String> variables = new ArrayList<>();
        if (!settings.isDefaultUrl()) {
            variables.add(DatabaseSettings.URL_VARIABLE + "='" + settings.maskedUrl() + "'");
        }
        if (settings.user() != null) {
            variables.add(DatabaseSettings.USER_VARIABLE + "=" + settings.user());
        }
        if (!DatabaseSettings.DEFAULT_QUEUE_TABLE.equals(settings.queueTable())) {
            variables.add(EventQueueConfig.TABLE_NAME + "=" + settings.queueTable());
        }
        if (!DatabaseSettings.DEFAULT_AUDIT_TABLE.equals(settings.auditTable())) {
            variables.add(DatabaseSettings.AUDIT_TABLE_VARIABLE + "=" + settings.auditTable());
        }
        return variables;
    }
}
