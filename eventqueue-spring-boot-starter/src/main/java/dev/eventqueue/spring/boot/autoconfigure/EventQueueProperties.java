package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.RetryBackoff;
import dev.eventqueue.domain.DomainEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings under {@code eventqueue.*}: one per {@link EventQueueConfig} setting (durations take
 * Spring's duration format, e.g. {@code 500ms}, {@code 5s}; a plain number means milliseconds, as
 * in the environment variables), plus the Spring-side switches. The environment variables
 * ({@code EVENT_QUEUE_BATCH_SIZE}, {@code USE_DATABASE_EVENT_QUEUE}, ...) feed the same settings
 * with the lowest precedence. Values are validated at startup by {@link EventQueueConfig.Builder};
 * a bad one fails the application naming the property and the value.
 */
@ConfigurationProperties(prefix = "eventqueue")
public class EventQueueProperties implements Validator {

    /** Store the queue in the application's DataSource (JDBC) instead of in memory. */
    private boolean useDatabase = false;
    /** Entries taken per claim. */
    private int batchSize = 50;
    /** How often the foreground loop polls (publishes also wake it at once). */
    private Duration processingInterval = Duration.ofSeconds(1);
    /** How often the background loop polls. */
    private Duration backgroundInterval = Duration.ofSeconds(5);
    /** Handler calls running at once in this application. */
    private int maxConcurrent = 10;
    /** Whether failed attempts are retried; when false every first failure is final. */
    private boolean retriesEnabled = true;
    /** How often completed entries older than the retention are deleted. */
    private Duration cleanupInterval = Duration.ofHours(1);
    /** Days completed entries are kept. */
    private int retentionDays = 7;
    /** How long a claim holds an entry without a heartbeat before another worker may take it over. */
    private Duration leaseDuration = Duration.ofSeconds(30);
    /** How long shutdown waits for running handlers. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    /** How the delay between attempts grows: fixed or exponential (with jitter). */
    private RetryBackoff retryBackoff = RetryBackoff.FIXED;
    /** Upper bound of one retry delay under exponential backoff. */
    private Duration maxRetryDelay = Duration.ofMinutes(10);
    /** Health turns degraded when the oldest due entry has been due for longer than this. */
    private Duration healthMaxLag = Duration.ofMinutes(5);
    /** Queue table name, optionally schema-qualified. */
    private String tableName = "event_queue";
    /** Event classes this application consumes without publishing them (needed to read them back from a database). */
    private List<Class<? extends DomainEvent>> eventTypes = new ArrayList<>();
    /** Whether the dispatcher starts processing with the application; false makes a node that only publishes. */
    private boolean autoStartup = true;

    private final Jdbc jdbc = new Jdbc();
    private final Health health = new Health();
    private final Metrics metrics = new Metrics();
    private final Security security = new Security();
    private final ApplicationEvents applicationEvents = new ApplicationEvents();

    /**
     * The core configuration these properties describe.
     *
     * @throws IllegalArgumentException naming the first invalid {@code eventqueue.*} property and its value
     */
    public EventQueueConfig toConfig() {
        ConfigAssembler assembler = new ConfigAssembler(this);
        EventQueueConfig config = assembler.assemble();
        if (!assembler.problems().isEmpty()) {
            throw new IllegalArgumentException(assembler.problems().get(0).message());
        }
        return config;
    }

    @Override
    public boolean supports(Class<?> type) {
        return EventQueueProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        ConfigAssembler assembler = new ConfigAssembler((EventQueueProperties) target);
        assembler.assemble();
        for (ConfigAssembler.Problem problem : assembler.problems()) {
            errors.rejectValue(problem.field(), "eventqueue.invalid", problem.message());
        }
    }

    public boolean isUseDatabase() {
        return useDatabase;
    }

    public void setUseDatabase(boolean useDatabase) {
        this.useDatabase = useDatabase;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getProcessingInterval() {
        return processingInterval;
    }

    public void setProcessingInterval(Duration processingInterval) {
        this.processingInterval = processingInterval;
    }

    public Duration getBackgroundInterval() {
        return backgroundInterval;
    }

    public void setBackgroundInterval(Duration backgroundInterval) {
        this.backgroundInterval = backgroundInterval;
    }

    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public boolean isRetriesEnabled() {
        return retriesEnabled;
    }

    public void setRetriesEnabled(boolean retriesEnabled) {
        this.retriesEnabled = retriesEnabled;
    }

    public Duration getCleanupInterval() {
        return cleanupInterval;
    }

    public void setCleanupInterval(Duration cleanupInterval) {
        this.cleanupInterval = cleanupInterval;
    }

    public int getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public RetryBackoff getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(RetryBackoff retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getHealthMaxLag() {
        return healthMaxLag;
    }

    public void setHealthMaxLag(Duration healthMaxLag) {
        this.healthMaxLag = healthMaxLag;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public List<Class<? extends DomainEvent>> getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(List<Class<? extends DomainEvent>> eventTypes) {
        this.eventTypes = eventTypes;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Health getHealth() {
        return health;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Security getSecurity() {
        return security;
    }

    public ApplicationEvents getApplicationEvents() {
        return applicationEvents;
    }

    /** The JDBC store (used when {@code use-database} is true and the application has a DataSource). */
    public static class Jdbc {

        /** Create the queue table (and the audit table, if used) at startup if missing; off by default: use migrations. */
        private boolean createSchema = false;
        /** Wake dispatchers on other nodes through PostgreSQL LISTEN/NOTIFY (holds one connection per application). */
        private boolean notifications = true;
        /** Keep the audit trail in a table of the same DataSource instead of in memory. */
        private boolean auditLog = false;
        /** Audit table name, optionally schema-qualified. */
        private String auditTableName = "event_audit_log";

        public boolean isCreateSchema() {
            return createSchema;
        }

        public void setCreateSchema(boolean createSchema) {
            this.createSchema = createSchema;
        }

        public boolean isNotifications() {
            return notifications;
        }

        public void setNotifications(boolean notifications) {
            this.notifications = notifications;
        }

        public boolean isAuditLog() {
            return auditLog;
        }

        public void setAuditLog(boolean auditLog) {
            this.auditLog = auditLog;
        }

        public String getAuditTableName() {
            return auditTableName;
        }

        public void setAuditTableName(String auditTableName) {
            this.auditTableName = auditTableName;
        }
    }

    /** The Actuator health indicator. */
    public static class Health {

        /**
         * Status code reported when the queue is degraded (backlog older than health-max-lag, or a loop
         * not polling). DEGRADED by default; UP hides it, OUT_OF_SERVICE or DOWN make it fail probes.
         */
        private String degradedStatus = "DEGRADED";

        public String getDegradedStatus() {
            return degradedStatus;
        }

        public void setDegradedStatus(String degradedStatus) {
            this.degradedStatus = degradedStatus;
        }
    }

    /** The Micrometer meters. */
    public static class Metrics {

        /** How long one read of the store serves the queue gauges, so scrapes do not hammer the database. */
        private Duration cacheTtl = Duration.ofSeconds(5);

        public Duration getCacheTtl() {
            return cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }
    }

    /** Credentials taken from Spring Security. */
    public static class Security {

        /**
         * When publishing without credentials, take them from the current Spring Security authentication
         * (user id = name, role = first authority without its ROLE_ prefix). Needs spring-security-core.
         */
        private boolean credentialsFromContext = true;

        public boolean isCredentialsFromContext() {
            return credentialsFromContext;
        }

        public void setCredentialsFromContext(boolean credentialsFromContext) {
            this.credentialsFromContext = credentialsFromContext;
        }
    }

    /** Domain events published as Spring application events (e.g. by Spring Data's @DomainEvents). */
    public static class ApplicationEvents {

        /**
         * Enqueue every DomainEvent published through Spring's ApplicationEventPublisher, on the publishing
         * thread and so inside its transaction. This is how Spring Data's AbstractAggregateRoot events reach the queue.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
