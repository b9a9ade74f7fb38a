package dev.eventqueue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Immutable dispatcher settings. Build with {@link #builder()}, or read the seed's environment
 * variables with {@link #fromEnvironment()} / {@link #fromMap(Map)}. Every invalid value fails
 * with an {@link IllegalArgumentException} naming the setting and the value.
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
    public static final String SHUTDOWN_TIMEOUT = "EVENT_QUEUE_SHUTDOWN_TIMEOUT";
    public static final String RETRY_BACKOFF = "EVENT_QUEUE_RETRY_BACKOFF";
    public static final String MAX_RETRY_DELAY = "EVENT_QUEUE_MAX_RETRY_DELAY";
    public static final String HEALTH_MAX_LAG = "EVENT_QUEUE_HEALTH_MAX_LAG";
    public static final String TABLE_NAME = "EVENT_QUEUE_TABLE_NAME";

    public static final boolean DEFAULT_USE_DATABASE = false;
    public static final int DEFAULT_BATCH_SIZE = 50;
    public static final Duration DEFAULT_PROCESSING_INTERVAL = Duration.ofMillis(1000);
    public static final Duration DEFAULT_BACKGROUND_INTERVAL = Duration.ofMillis(5000);
    public static final int DEFAULT_MAX_CONCURRENT = 10;
    public static final boolean DEFAULT_RETRIES_ENABLED = true;
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMillis(3_600_000);
    public static final int DEFAULT_RETENTION_DAYS = 7;
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    public static final RetryBackoff DEFAULT_RETRY_BACKOFF = RetryBackoff.FIXED;
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(10);
    public static final Duration DEFAULT_HEALTH_MAX_LAG = Duration.ofMinutes(5);
    public static final String DEFAULT_TABLE_NAME = "event_queue";

    /** A plain or schema-qualified SQL identifier; nothing that could carry SQL. */
    private static final Pattern TABLE_NAME_PATTERN =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private static final EventQueueConfig DEFAULTS = new Builder().build();

    private final boolean useDatabase;
    private final int batchSize;
    private final Duration processingInterval;
    private final Duration backgroundInterval;
    private final int maxConcurrent;
    private final boolean retriesEnabled;
    private final Duration cleanupInterval;
    private final int retentionDays;
    private final Duration leaseDuration;
    private final Duration shutdownTimeout;
    private final RetryBackoff retryBackoff;
    private final Duration maxRetryDelay;
    private final Duration healthMaxLag;
    private final String tableName;

    private EventQueueConfig(Builder b) {
        this.useDatabase = b.useDatabase;
        this.batchSize = b.batchSize;
        this.processingInterval = b.processingInterval;
        this.backgroundInterval = b.backgroundInterval;
        this.maxConcurrent = b.maxConcurrent;
        this.retriesEnabled = b.retriesEnabled;
        this.cleanupInterval = b.cleanupInterval;
        this.retentionDays = b.retentionDays;
        this.leaseDuration = b.leaseDuration;
        this.shutdownTimeout = b.shutdownTimeout;
        this.retryBackoff = b.retryBackoff;
        this.maxRetryDelay = b.maxRetryDelay;
        this.healthMaxLag = b.healthMaxLag;
        this.tableName = b.tableName;
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
     * @throws IllegalArgumentException naming the variable and the value when one is invalid
     */
    public static EventQueueConfig fromMap(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        Builder b = builder();
        apply(variables, USE_DATABASE, "true or false", EventQueueConfig::parseBoolean, b::useDatabase);
        apply(variables, BATCH_SIZE, "an integer >= 1", Integer::parseInt, b::batchSize);
        apply(
                variables,
                PROCESSING_INTERVAL,
                "milliseconds >= 1",
                EventQueueConfig::parseMillis,
                b::processingInterval);
        apply(
                variables,
                BACKGROUND_INTERVAL,
                "milliseconds >= 1",
                EventQueueConfig::parseMillis,
                b::backgroundInterval);
        apply(variables, MAX_CONCURRENT, "an integer >= 1", Integer::parseInt, b::maxConcurrent);
        apply(variables, ENABLE_RETRIES, "true or false", EventQueueConfig::parseBoolean, b::retriesEnabled);
        apply(variables, CLEANUP_INTERVAL, "milliseconds >= 1", EventQueueConfig::parseMillis, b::cleanupInterval);
        apply(variables, RETENTION_DAYS, "an integer >= 0", Integer::parseInt, b::retentionDays);
        apply(variables, LEASE_DURATION, "milliseconds >= 1", EventQueueConfig::parseMillis, b::leaseDuration);
        apply(variables, SHUTDOWN_TIMEOUT, "milliseconds >= 0", EventQueueConfig::parseMillis, b::shutdownTimeout);
        apply(variables, RETRY_BACKOFF, "fixed or exponential", EventQueueConfig::parseBackoff, b::retryBackoff);
        apply(variables, MAX_RETRY_DELAY, "milliseconds >= 1", EventQueueConfig::parseMillis, b::maxRetryDelay);
        apply(variables, HEALTH_MAX_LAG, "milliseconds >= 1", EventQueueConfig::parseMillis, b::healthMaxLag);
        apply(variables, TABLE_NAME, "an SQL identifier", String::trim, b::tableName);
        return b.build();
    }

    private static <T> void apply(
            Map<String, String> variables,
            String name,
            String expected,
            Function<String, T> parser,
            java.util.function.Consumer<T> setter) {
        String raw = variables.get(name);
        if (raw == null || raw.isBlank()) {
            return;
        }
        try {
            setter.accept(parser.apply(raw.trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be " + expected + ", but was '" + raw + "'", e);
        }
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: " + value);
    }

    private static Duration parseMillis(String value) {
        return Duration.ofMillis(Long.parseLong(value));
    }

    private static RetryBackoff parseBackoff(String value) {
        return RetryBackoff.valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean useDatabase() {
        return useDatabase;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration processingInterval() {
        return processingInterval;
    }

    public Duration backgroundInterval() {
        return backgroundInterval;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public boolean retriesEnabled() {
        return retriesEnabled;
    }

    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** How long a claim holds an entry without a heartbeat before another worker may take it over. */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** How long {@code stop()} waits for running handlers. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public RetryBackoff retryBackoff() {
        return retryBackoff;
    }

    /** Upper bound of one retry delay under exponential backoff. */
    public Duration maxRetryDelay() {
        return maxRetryDelay;
    }

    /** Health turns {@code DEGRADED} when the oldest due entry has waited longer than this. */
    public Duration healthMaxLag() {
        return healthMaxLag;
    }

    /** Queue table name for database stores (wiring layers pass it to the JDBC repository). */
    public String tableName() {
        return tableName;
    }

    /** The settings as variable name to value, for logging at start; holds no secrets. */
    public Map<String, String> describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(USE_DATABASE, String.valueOf(useDatabase));
        settings.put(BATCH_SIZE, String.valueOf(batchSize));
        settings.put(PROCESSING_INTERVAL, String.valueOf(processingInterval.toMillis()));
        settings.put(BACKGROUND_INTERVAL, String.valueOf(backgroundInterval.toMillis()));
        settings.put(MAX_CONCURRENT, String.valueOf(maxConcurrent));
        settings.put(ENABLE_RETRIES, String.valueOf(retriesEnabled));
        settings.put(CLEANUP_INTERVAL, String.valueOf(cleanupInterval.toMillis()));
        settings.put(RETENTION_DAYS, String.valueOf(retentionDays));
        settings.put(LEASE_DURATION, String.valueOf(leaseDuration.toMillis()));
        settings.put(SHUTDOWN_TIMEOUT, String.valueOf(shutdownTimeout.toMillis()));
        settings.put(RETRY_BACKOFF, retryBackoff.name().toLowerCase(Locale.ROOT));
        settings.put(MAX_RETRY_DELAY, String.valueOf(maxRetryDelay.toMillis()));
        settings.put(HEALTH_MAX_LAG, String.valueOf(healthMaxLag.toMillis()));
        settings.put(TABLE_NAME, tableName);
        return settings;
    }

    /** A builder holding the same settings, to derive a variant. */
    public Builder toBuilder() {
        return builder()
                .useDatabase(useDatabase)
                .batchSize(batchSize)
                .processingInterval(processingInterval)
                .backgroundInterval(backgroundInterval)
                .maxConcurrent(maxConcurrent)
                .retriesEnabled(retriesEnabled)
                .cleanupInterval(cleanupInterval)
                .retentionDays(retentionDays)
                .leaseDuration(leaseDuration)
                .shutdownTimeout(shutdownTimeout)
                .retryBackoff(retryBackoff)
                .maxRetryDelay(maxRetryDelay)
                .healthMaxLag(healthMaxLag)
                .tableName(tableName);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventQueueConfig that && describe().equals(that.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return "EventQueueConfig" + describe();
    }

    /** Validates each value as it is set, naming the setting in the error. */
    public static final class Builder {
        private boolean useDatabase = DEFAULT_USE_DATABASE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration processingInterval = DEFAULT_PROCESSING_INTERVAL;
        private Duration backgroundInterval = DEFAULT_BACKGROUND_INTERVAL;
        private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
        private boolean retriesEnabled = DEFAULT_RETRIES_ENABLED;
        private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
        private int retentionDays = DEFAULT_RETENTION_DAYS;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private RetryBackoff retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
        private Duration healthMaxLag = DEFAULT_HEALTH_MAX_LAG;
        private String tableName = DEFAULT_TABLE_NAME;

        private Builder() {}

        public Builder useDatabase(boolean useDatabase) {
            this.useDatabase = useDatabase;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = atLeast("batchSize", batchSize, 1);
            return this;
        }

        public Builder processingInterval(Duration processingInterval) {
            this.processingInterval = atLeastOneMilli("processingInterval", processingInterval);
            return this;
        }

        public Builder backgroundInterval(Duration backgroundInterval) {
            this.backgroundInterval = atLeastOneMilli("backgroundInterval", backgroundInterval);
            return this;
        }

        public Builder maxConcurrent(int maxConcurrent) {
            this.maxConcurrent = atLeast("maxConcurrent", maxConcurrent, 1);
            return this;
        }

        public Builder retriesEnabled(boolean retriesEnabled) {
            this.retriesEnabled = retriesEnabled;
            return this;
        }

        public Builder cleanupInterval(Duration cleanupInterval) {
            this.cleanupInterval = atLeastOneMilli("cleanupInterval", cleanupInterval);
            return this;
        }

        public Builder retentionDays(int retentionDays) {
            this.retentionDays = atLeast("retentionDays", retentionDays, 0);
            return this;
        }

        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = atLeastOneMilli("leaseDuration", leaseDuration);
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must be >= 0 ms, but was " + shutdownTimeout);
            }
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        public Builder retryBackoff(RetryBackoff retryBackoff) {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
            return this;
        }

        public Builder maxRetryDelay(Duration maxRetryDelay) {
            this.maxRetryDelay = atLeastOneMilli("maxRetryDelay", maxRetryDelay);
            return this;
        }

        public Builder healthMaxLag(Duration healthMaxLag) {
            this.healthMaxLag = atLeastOneMilli("healthMaxLag", healthMaxLag);
            return this;
        }

        public Builder tableName(String tableName) {
            if (tableName == null || !TABLE_NAME_PATTERN.matcher(tableName).matches()) {
                throw new IllegalArgumentException("tableName must be an SQL identifier such as 'event_queue' or "
                        + "'app.event_queue' (letters, digits, underscores), but was '" + tableName + "'");
            }
            this.tableName = tableName;
            return this;
        }

        public EventQueueConfig build() {
            return new EventQueueConfig(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", but was " + value);
            }
            return value;
        }

        private static Duration atLeastOneMilli(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be >= 1 ms, but was " + value);
            }
            return value;
        }
    }
}
