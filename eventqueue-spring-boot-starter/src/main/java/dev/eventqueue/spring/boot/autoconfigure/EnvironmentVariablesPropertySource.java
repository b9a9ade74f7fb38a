package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Exposes the environment variables ({@code EVENT_QUEUE_BATCH_SIZE}, {@code USE_DATABASE_EVENT_QUEUE},
 * ...) under their {@code eventqueue.*} names. Values are looked up in the other property sources
 * on each read, so a variable from the OS, a system property or a config file all work. Added
 * last, so an {@code eventqueue.*} property set anywhere wins. Errors binding a value name the
 * variable as its origin.
 *
 * <p>Deliberately not enumerable and reading the raw sources, never the environment: Boot's
 * attached configuration-property view enumerates every source, which would call back into this
 * one.
 */
final class EnvironmentVariablesPropertySource extends PropertySource<MutablePropertySources>
        implements OriginLookup<String> {

    static final String NAME = "eventqueueEnvironmentVariables";

    /** Property name to environment variable. Durations in the variables are milliseconds, Spring's default unit. */
    static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("eventqueue.use-database", EventQueueConfig.USE_DATABASE),
            Map.entry("eventqueue.batch-size", EventQueueConfig.BATCH_SIZE),
            Map.entry("eventqueue.processing-interval", EventQueueConfig.PROCESSING_INTERVAL),
            Map.entry("eventqueue.background-interval", EventQueueConfig.BACKGROUND_INTERVAL),
            Map.entry("eventqueue.max-concurrent", EventQueueConfig.MAX_CONCURRENT),
            Map.entry("eventqueue.retries-enabled", EventQueueConfig.ENABLE_RETRIES),
            Map.entry("eventqueue.cleanup-interval", EventQueueConfig.CLEANUP_INTERVAL),
            Map.entry("eventqueue.retention-days", EventQueueConfig.RETENTION_DAYS),
            Map.entry("eventqueue.lease-duration", EventQueueConfig.LEASE_DURATION),
            Map.entry("eventqueue.shutdown-timeout", EventQueueConfig.SHUTDOWN_TIMEOUT),
            Map.entry("eventqueue.retry-backoff", EventQueueConfig.RETRY_BACKOFF),
            Map.entry("eventqueue.max-retry-delay", EventQueueConfig.MAX_RETRY_DELAY),
            Map.entry("eventqueue.health-max-lag", EventQueueConfig.HEALTH_MAX_LAG),
            Map.entry("eventqueue.table-name", EventQueueConfig.TABLE_NAME));

    EnvironmentVariablesPropertySource(MutablePropertySources sources) {
        super(NAME, sources);
    }

    @Override
    public Object getProperty(String name) {
        String variable = VARIABLES.get(name);
        if (variable == null) {
            return null;
        }
        for (PropertySource<?> source : getSource()) {
            if (source == this || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            Object value = source.getProperty(variable);
            if (value != null && !value.toString().isBlank()) {
                return value.toString().trim();
            }
        }
        return null;
    }

    @Override
    public Origin getOrigin(String name) {
        String variable = VARIABLES.get(name);
        return variable == null ? null : new EnvironmentVariableOrigin(variable);
    }

    /** Shown in binding errors, so a bad value points at the variable the user actually set. */
    private record EnvironmentVariableOrigin(String variable) implements Origin {
        @Override
        public String toString() {
            return "environment variable " + variable;
        }
    }
}
