package dev.eventqueue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every dispatcher setting, declared once: the catalog {@link EventQueueConfig} reads and
 * validates from, the Spring Boot starter binds, and the configuration reference is generated from.
 */
public final class EventQueueSettings {

    private static final Duration ONE_MS = Duration.ofMillis(1);
    private static final Duration SEVEN_DAYS = Duration.ofDays(7);
    /** A plain or schema-qualified SQL identifier; nothing that could carry SQL. */
    private static final Pattern TABLE_NAME =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    public static final Setting<Boolean> USE_DATABASE = Setting.bool(
            EventQueueConfig.USE_DATABASE,
            "use-database",
            "useDatabase",
            false,
            "Whether the wiring layers (demo, CLI, Spring Boot starter) use the JDBC store instead of the in-memory one.");
    public static final Setting<Integer> BATCH_SIZE = Setting.integer(
            EventQueueConfig.BATCH_SIZE, "batch-size", "batchSize", 50, 1, 10_000, "Most entries one claim takes.");
    public static final Setting<Duration> PROCESSING_INTERVAL = Setting.millis(
            EventQueueConfig.PROCESSING_INTERVAL,
            "processing-interval",
            "processingInterval",
            Duration.ofMillis(1000),
            ONE_MS,
            SEVEN_DAYS,
            "How often the processing loop polls for foreground entries when nothing wakes it sooner.");
    public static final Setting<Duration> BACKGROUND_INTERVAL = Setting.millis(
            EventQueueConfig.BACKGROUND_INTERVAL,
            "background-interval",
            "backgroundInterval",
            Duration.ofMillis(5000),
            ONE_MS,
            SEVEN_DAYS,
            "How often the background loop polls for background entries when nothing wakes it sooner.");
    public static final Setting<Integer> MAX_CONCURRENT = Setting.integer(
            EventQueueConfig.MAX_CONCURRENT,
            "max-concurrent",
            "maxConcurrent",
            10,
            1,
            1000,
            "Handler calls running at once in one dispatcher (its worker threads).");
    public static final Setting<Boolean> ENABLE_RETRIES = Setting.bool(
            EventQueueConfig.ENABLE_RETRIES,
            "retries-enabled",
            "retriesEnabled",
            true,
            "Whether failed attempts are retried; false makes every first failure final.");
    public static final Setting<Duration> CLEANUP_INTERVAL = Setting.millis(
            EventQueueConfig.CLEANUP_INTERVAL,
            "cleanup-interval",
            "cleanupInterval",
            Duration.ofMillis(3_600_000),
            ONE_MS,
            SEVEN_DAYS,
            "How often completed entries older than the retention period are deleted.");
    public static final Setting<Integer> RETENTION_DAYS = Setting.integer(
            EventQueueConfig.RETENTION_DAYS,
            "retention-days",
            "retentionDays",
            7,
            0,
            3650,
            "Days completed entries are kept before cleanup deletes them.");
    public static final Setting<Duration> LEASE_DURATION = Setting.millis(
            EventQueueConfig.LEASE_DURATION,
            "lease-duration",
            "leaseDuration",
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            SEVEN_DAYS,
            "How long a claim holds an entry without a heartbeat before another worker may take it over; "
                    + "longer than three heartbeat intervals.");
    public static final Setting<Duration> HEARTBEAT_INTERVAL = Setting.millis(
                    EventQueueConfig.HEARTBEAT_INTERVAL,
                    "heartbeat-interval",
                    "heartbeatInterval",
                    null,
                    ONE_MS,
                    SEVEN_DAYS,
                    "How often a dispatcher renews the leases of the entries it holds.")
            .derivedDefault("a quarter of the lease duration");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.millis(
            EventQueueConfig.SHUTDOWN_TIMEOUT,
            "shutdown-timeout",
            "shutdownTimeout",
            Duration.ofSeconds(30),
            Duration.ZERO,
            SEVEN_DAYS,
            "How long stop() waits for running handlers before it interrupts them.");
    public static final Setting<Duration> HANDLER_TIMEOUT = Setting.millis(
            EventQueueConfig.HANDLER_TIMEOUT,
            "handler-timeout",
            "handlerTimeout",
            Duration.ofMinutes(5),
            ONE_MS,
            SEVEN_DAYS,
            "How long one handler call may run before it is interrupted and counts as a failed attempt, "
                    + "for handlers that do not override getTimeout().");
    public static final Setting<RetryBackoff> RETRY_BACKOFF = Setting.choice(
            EventQueueConfig.RETRY_BACKOFF,
            "retry-backoff",
            "retryBackoff",
            RetryBackoff.class,
            RetryBackoff.FIXED,
            "How the delay between attempts grows, for handlers that do not choose their own.");
    public static final Setting<Duration> MAX_RETRY_DELAY = Setting.millis(
            EventQueueConfig.MAX_RETRY_DELAY,
            "max-retry-delay",
            "maxRetryDelay",
            Duration.ofMinutes(10),
            ONE_MS,
            SEVEN_DAYS,
            "Upper bound of one retry delay under exponential backoff.");
    public static final Setting<Duration> PRIORITY_AGING = Setting.millis(
            EventQueueConfig.PRIORITY_AGING,
            "priority-aging",
            "priorityAging",
            Duration.ofMinutes(1),
            ONE_MS,
            SEVEN_DAYS,
            "An entry due for longer than this is claimed before every entry due for less time, whatever its "
                    + "priority, within one second of aging: no priority waits for ever.");
    public static final Setting<Duration> HEALTH_MAX_LAG = Setting.millis(
            EventQueueConfig.HEALTH_MAX_LAG,
            "health-max-lag",
            "healthMaxLag",
            Duration.ofMinutes(5),
            ONE_MS,
            SEVEN_DAYS,
            "Health turns DEGRADED when the oldest due entry has been due longer than this.");
    public static final Setting<Integer> MAX_PAYLOAD_BYTES = Setting.integer(
            EventQueueConfig.MAX_PAYLOAD_BYTES,
            "max-payload-bytes",
            "maxPayloadBytes",
            1_048_576,
            1,
            67_108_864,
            "The largest serialized event (UTF-8 bytes) a database store accepts; a larger one is refused at publish.");
    public static final Setting<String> TABLE_NAME_SETTING = Setting.text(
            EventQueueConfig.TABLE_NAME,
            "table-name",
            "tableName",
            "event_queue",
            "an SQL identifier such as 'event_queue' or 'app.event_queue' (letters, digits, underscores)",
            name -> TABLE_NAME.matcher(name).matches(),
            "The queue table of the JDBC store.");

    private static final List<Setting<?>> ALL = List.of(
            USE_DATABASE,
            BATCH_SIZE,
            PROCESSING_INTERVAL,
            BACKGROUND_INTERVAL,
            MAX_CONCURRENT,
            ENABLE_RETRIES,
            CLEANUP_INTERVAL,
            RETENTION_DAYS,
            LEASE_DURATION,
            HEARTBEAT_INTERVAL,
            SHUTDOWN_TIMEOUT,
            HANDLER_TIMEOUT,
            RETRY_BACKOFF,
            MAX_RETRY_DELAY,
            PRIORITY_AGING,
            HEALTH_MAX_LAG,
            MAX_PAYLOAD_BYTES,
            TABLE_NAME_SETTING);

    private EventQueueSettings() {}

    /** Every setting, in the order of the configuration reference. */
    public static List<Setting<?>> all() {
        return ALL;
    }
}
