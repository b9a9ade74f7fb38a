package dev.eventqueue;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable dispatcher settings. Build with {@link #builder()}, or read the environment variables
 * with {@link #fromEnvironment()} / {@link #fromMap(Map)}. Every setting is declared once in
 * {@link EventQueueSettings} with its variable, default and allowed range; an invalid value fails
 * with an {@link IllegalArgumentException} naming the setting, the value and the range.
 */
public final class EventQueueConfig {

    public static final String USE_DATABASE = "USE_DATABASE_EVENT_QUEUE";
    public static final String BATCH_SIZE = "EVENT_QUEUE_BATCH_SIZE";
    public static final String PROCESSING_INTERVAL = "EVENT_QUEUE_PROCESSING_INTERVAL";
    public static final String BACKGROUND_INTERVAL = "EVENT_QUEUE_BACKGROUND_INTERVAL";
    public static final String MAX_CONCURRENT = "EVENT_QUEUE_MAX_CONCURRENT";
    public static final String ENABLE_RETRIES = "EVENT_QUEUE_ENABLE_RETRIES";
    public static final String CLEANUP_INTERVAL = "EVENT_QUEUE_CLEANUP_INTERVAL";
    public static final String RETENTION_DAYS = "EVENT_QUEUE_RETENTION_DAYS";
    public static final String LEASE_DURATION = "EVENT_QUEUE_LEASE_DURATION";
    public static final String HEARTBEAT_INTERVAL = "EVENT_QUEUE_HEARTBEAT_INTERVAL";
    public static final String SHUTDOWN_TIMEOUT = "EVENT_QUEUE_SHUTDOWN_TIMEOUT";
    public static final String HANDLER_TIMEOUT = "EVENT_QUEUE_HANDLER_TIMEOUT";
    public static final String RETRY_BACKOFF = "EVENT_QUEUE_RETRY_BACKOFF";
    public static final String MAX_RETRY_DELAY = "EVENT_QUEUE_MAX_RETRY_DELAY";
    public static final String PRIORITY_AGING = "EVENT_QUEUE_PRIORITY_AGING";
    public static final String HEALTH_MAX_LAG = "EVENT_QUEUE_HEALTH_MAX_LAG";
    public static final String MAX_PAYLOAD_BYTES = "EVENT_QUEUE_MAX_PAYLOAD_BYTES";
    public static final String TABLE_NAME = "EVENT_QUEUE_TABLE_NAME";

    public static final boolean DEFAULT_USE_DATABASE = EventQueueSettings.USE_DATABASE.defaultValue();
    public static final int DEFAULT_BATCH_SIZE = EventQueueSettings.BATCH_SIZE.defaultValue();
    public static final Duration DEFAULT_PROCESSING_INTERVAL = EventQueueSettings.PROCESSING_INTERVAL.defaultValue();
    public static final Duration DEFAULT_BACKGROUND_INTERVAL = EventQueueSettings.BACKGROUND_INTERVAL.defaultValue();
    public static final int DEFAULT_MAX_CONCURRENT = EventQueueSettings.MAX_CONCURRENT.defaultValue();
    public static final boolean DEFAULT_RETRIES_ENABLED = EventQueueSettings.ENABLE_RETRIES.defaultValue();
    public static final Duration DEFAULT_CLEANUP_INTERVAL = EventQueueSettings.CLEANUP_INTERVAL.defaultValue();
    public static final int DEFAULT_RETENTION_DAYS = EventQueueSettings.RETENTION_DAYS.defaultValue();
    public static final Duration DEFAULT_LEASE_DURATION = EventQueueSettings.LEASE_DURATION.defaultValue();
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = EventQueueSettings.SHUTDOWN_TIMEOUT.defaultValue();
    public static final Duration DEFAULT_HANDLER_TIMEOUT = EventQueueSettings.HANDLER_TIMEOUT.defaultValue();
    public static final RetryBackoff DEFAULT_RETRY_BACKOFF = EventQueueSettings.RETRY_BACKOFF.defaultValue();
    public static final Duration DEFAULT_MAX_RETRY_DELAY = EventQueueSettings.MAX_RETRY_DELAY.defaultValue();
    public static final Duration DEFAULT_PRIORITY_AGING = EventQueueSettings.PRIORITY_AGING.defaultValue();
    public static final Duration DEFAULT_HEALTH_MAX_LAG = EventQueueSettings.HEALTH_MAX_LAG.defaultValue();
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = EventQueueSettings.MAX_PAYLOAD_BYTES.defaultValue();
    public static final String DEFAULT_TABLE_NAME = EventQueueSettings.TABLE_NAME_SETTING.defaultValue();

    private static final EventQueueConfig DEFAULTS = new Builder().build();

    /** Every setting's value; derived defaults are filled in by {@link Builder#build()}. */
    private final Map<Setting<?>, Object> values;

    private EventQueueConfig(Map<Setting<?>, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static EventQueueConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the variables from {@link System#getenv()}; unset ones keep their defaults. */
    public static EventQueueConfig fromEnvironment() {
        return fromMap(System.getenv());
    }

    /**
     * Reads the same variable names as {@link #fromEnvironment()} from a map; unset or blank
     * ones keep their defaults, other keys are ignored.
     *
     * @throws IllegalArgumentException naming the variable, the value and the allowed range when one is invalid
     */
    public static EventQueueConfig fromMap(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        Builder builder = builder();
        for (Setting<?> setting : EventQueueSettings.all()) {
            String raw = variables.get(setting.environmentName());
            if (raw != null && !raw.isBlank()) {
                builder.parse(setting, raw);
            }
        }
        return builder.build();
    }

    /** The value of any setting of {@link EventQueueSettings}. */
    public <T> T get(Setting<T> setting) {
        return setting.type().cast(values.get(setting));
    }

    public boolean useDatabase() {
        return get(EventQueueSettings.USE_DATABASE);
    }

    public int batchSize() {
        return get(EventQueueSettings.BATCH_SIZE);
    }

    public Duration processingInterval() {
        return get(EventQueueSettings.PROCESSING_INTERVAL);
    }

    public Duration backgroundInterval() {
        return get(EventQueueSettings.BACKGROUND_INTERVAL);
    }

    public int maxConcurrent() {
        return get(EventQueueSettings.MAX_CONCURRENT);
    }

    public boolean retriesEnabled() {
        return get(EventQueueSettings.ENABLE_RETRIES);
    }

    public Duration cleanupInterval() {
        return get(EventQueueSettings.CLEANUP_INTERVAL);
    }

    public int retentionDays() {
        return get(EventQueueSettings.RETENTION_DAYS);
    }

    /** How long a claim holds an entry without a heartbeat before another worker may take it over. */
    public Duration leaseDuration() {
        return get(EventQueueSettings.LEASE_DURATION);
    }

    /** How often leases of held entries are renewed; a quarter of the lease unless set. */
    public Duration heartbeatInterval() {
        return get(EventQueueSettings.HEARTBEAT_INTERVAL);
    }

    /** How long {@code stop()} waits for running handlers. */
    public Duration shutdownTimeout() {
        return get(EventQueueSettings.SHUTDOWN_TIMEOUT);
    }

    /** The timeout of handlers that do not override {@code getTimeout()}. */
    public Duration handlerTimeout() {
        return get(EventQueueSettings.HANDLER_TIMEOUT);
    }

    public RetryBackoff retryBackoff() {
        return get(EventQueueSettings.RETRY_BACKOFF);
    }

    /** Upper bound of one retry delay under exponential backoff. */
    public Duration maxRetryDelay() {
        return get(EventQueueSettings.MAX_RETRY_DELAY);
    }

    /** An entry due for longer than this is claimed before younger ones, whatever its priority. */
    public Duration priorityAging() {
        return get(EventQueueSettings.PRIORITY_AGING);
    }

    /** Health turns {@code DEGRADED} when the oldest due entry has been due longer than this. */
    public Duration healthMaxLag() {
        return get(EventQueueSettings.HEALTH_MAX_LAG);
    }

    /** The largest serialized event a database store accepts. */
    public int maxPayloadBytes() {
        return get(EventQueueSettings.MAX_PAYLOAD_BYTES);
    }

    /** Queue table name for database stores (wiring layers pass it to the JDBC repository). */
    public String tableName() {
        return get(EventQueueSettings.TABLE_NAME_SETTING);
    }

    /** The settings as variable name to value, as the environment would spell them; holds no secrets. */
    public Map<String, String> describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Setting<?> setting : EventQueueSettings.all()) {
            settings.put(setting.environmentName(), formatted(setting));
        }
        return settings;
    }

    /**
     * The settings that govern a dispatcher, for its startup line: all but those that only tell a
     * wiring layer which store to build ({@code USE_DATABASE_EVENT_QUEUE}, the table name), which
     * the line shows as the store itself.
     */
    public Map<String, String> describeDispatcher() {
        Map<String, String> settings = describe();
        settings.remove(USE_DATABASE);
        settings.remove(TABLE_NAME);
        return settings;
    }

    /** The settings as property name (without the {@code eventqueue.} prefix) to value. */
    public Map<String, String> describeAsProperties() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Setting<?> setting : EventQueueSettings.all()) {
            settings.put(setting.propertyName(), formatted(setting));
        }
        return settings;
    }

    private <T> String formatted(Setting<T> setting) {
        return setting.format(get(setting));
    }

    /** A builder holding the same settings, to derive a variant. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        builder.values.remove(EventQueueSettings.HEARTBEAT_INTERVAL);
        builder.explicitHeartbeat = explicitHeartbeat();
        if (builder.explicitHeartbeat != null) {
            builder.values.put(EventQueueSettings.HEARTBEAT_INTERVAL, builder.explicitHeartbeat);
        }
        return builder;
    }

    private Duration explicitHeartbeat() {
        Duration derived = leaseDuration().dividedBy(4);
        return heartbeatInterval().equals(derived) ? null : heartbeatInterval();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventQueueConfig that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "EventQueueConfig" + describe();
    }

    /** Validates each value as it is set, and the settings together in {@link #build()}. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();
        private Duration explicitHeartbeat;

        private Builder() {
            for (Setting<?> setting : EventQueueSettings.all()) {
                if (setting.defaultValue() != null) {
                    values.put(setting, setting.defaultValue());
                }
            }
        }

        /** Sets any setting of {@link EventQueueSettings}, checking its range. */
        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, setting.check(value));
            if (setting == EventQueueSettings.HEARTBEAT_INTERVAL) {
                explicitHeartbeat = (Duration) value;
            }
            return this;
        }

        /** Sets any setting from text as its environment variable spells it. */
        public <T> Builder parse(Setting<T> setting, String raw) {
            return set(setting, setting.parse(raw));
        }

        public Builder useDatabase(boolean useDatabase) {
            return set(EventQueueSettings.USE_DATABASE, useDatabase);
        }

        public Builder batchSize(int batchSize) {
            return set(EventQueueSettings.BATCH_SIZE, batchSize);
        }

        public Builder processingInterval(Duration processingInterval) {
            return set(EventQueueSettings.PROCESSING_INTERVAL, processingInterval);
        }

        public Builder backgroundInterval(Duration backgroundInterval) {
            return set(EventQueueSettings.BACKGROUND_INTERVAL, backgroundInterval);
        }

        public Builder maxConcurrent(int maxConcurrent) {
            return set(EventQueueSettings.MAX_CONCURRENT, maxConcurrent);
        }

        public Builder retriesEnabled(boolean retriesEnabled) {
            return set(EventQueueSettings.ENABLE_RETRIES, retriesEnabled);
        }

        public Builder cleanupInterval(Duration cleanupInterval) {
            return set(EventQueueSettings.CLEANUP_INTERVAL, cleanupInterval);
        }

        public Builder retentionDays(int retentionDays) {
            return set(EventQueueSettings.RETENTION_DAYS, retentionDays);
        }

        public Builder leaseDuration(Duration leaseDuration) {
            return set(EventQueueSettings.LEASE_DURATION, leaseDuration);
        }

        public Builder heartbeatInterval(Duration heartbeatInterval) {
            return set(EventQueueSettings.HEARTBEAT_INTERVAL, heartbeatInterval);
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            return set(EventQueueSettings.SHUTDOWN_TIMEOUT, shutdownTimeout);
        }

        public Builder handlerTimeout(Duration handlerTimeout) {
            return set(EventQueueSettings.HANDLER_TIMEOUT, handlerTimeout);
        }

        public Builder retryBackoff(RetryBackoff retryBackoff) {
            return set(EventQueueSettings.RETRY_BACKOFF, retryBackoff);
        }

        public Builder maxRetryDelay(Duration maxRetryDelay) {
            return set(EventQueueSettings.MAX_RETRY_DELAY, maxRetryDelay);
        }

        public Builder priorityAging(Duration priorityAging) {
            return set(EventQueueSettings.PRIORITY_AGING, priorityAging);
        }

        public Builder healthMaxLag(Duration healthMaxLag) {
            return set(EventQueueSettings.HEALTH_MAX_LAG, healthMaxLag);
        }

        public Builder maxPayloadBytes(int maxPayloadBytes) {
            return set(EventQueueSettings.MAX_PAYLOAD_BYTES, maxPayloadBytes);
        }

        public Builder tableName(String tableName) {
            return set(EventQueueSettings.TABLE_NAME_SETTING, tableName);
        }

        /**
         * @throws IllegalArgumentException when the lease is not longer than three heartbeat intervals
         */
        public EventQueueConfig build() {
            Map<Setting<?>, Object> built = new LinkedHashMap<>(values);
            Duration lease = (Duration) built.get(EventQueueSettings.LEASE_DURATION);
            Duration heartbeat = explicitHeartbeat != null ? explicitHeartbeat : lease.dividedBy(4);
            if (lease.compareTo(heartbeat.multipliedBy(3)) <= 0) {
                throw new IllegalArgumentException("leaseDuration (" + LEASE_DURATION + ") must be longer than three "
                        + "heartbeat intervals (" + HEARTBEAT_INTERVAL + "), but was " + lease.toMillis()
                        + " ms with a heartbeat of " + heartbeat.toMillis() + " ms");
            }
            built.put(EventQueueSettings.HEARTBEAT_INTERVAL, heartbeat);
            // Keep the catalog's order, so describe() and equals() do not depend on the order of calls.
            Map<Setting<?>, Object> ordered = new LinkedHashMap<>();
            for (Setting<?> setting : EventQueueSettings.all()) {
                ordered.put(setting, built.get(setting));
            }
            return new EventQueueConfig(ordered);
        }
    }
}
