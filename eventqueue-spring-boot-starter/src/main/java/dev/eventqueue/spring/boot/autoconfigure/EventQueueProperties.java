package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.EventQueueSettings;
import dev.eventqueue.domain.DomainEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The Spring-side settings under {@code eventqueue.*}: the JDBC store's switches, health, metrics,
 * security, application events, event types and auto-startup. The dispatcher's own settings
 * ({@code eventqueue.batch-size}, {@code eventqueue.lease-duration}, ... one per entry of {@link
 * EventQueueSettings}) are bound from the same prefix straight from that catalog into the {@link
 * EventQueueConfig} bean. A bad value fails the application naming the property and the value.
 */
@ConfigurationProperties(prefix = "eventqueue")
public class EventQueueProperties implements Validator {

    /** Event classes this application consumes without publishing them (needed to read them back from a database). */
    private List<Class<? extends DomainEvent>> eventTypes = new ArrayList<>();
    /** Whether the dispatcher starts processing with the application; false makes a node that only publishes. */
    private boolean autoStartup = true;

    private final Jdbc jdbc = new Jdbc();
    private final Health health = new Health();
    private final Metrics metrics = new Metrics();
    private final Security security = new Security();
    private final ApplicationEvents applicationEvents = new ApplicationEvents();
    private final Dashboard dashboard = new Dashboard();
    private final Nats nats = new Nats();

    @Override
    public boolean supports(Class<?> type) {
        return EventQueueProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        for (SpringSettingsCheck.Problem problem : SpringSettingsCheck.problems((EventQueueProperties) target)) {
            errors.rejectValue(problem.field(), "eventqueue.invalid", problem.message());
        }
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

    public Dashboard getDashboard() {
        return dashboard;
    }

    public Nats getNats() {
        return nats;
    }

    /** The NATS JetStream store (used when {@code url} is set and eventqueue-nats is on the class path). */
    public static class Nats {

        /**
         * NATS server URL, or a comma-separated list of a cluster's servers, e.g. nats://127.0.0.1:4222. When set,
         * the queue lives in NATS JetStream instead of a database or memory. Environment variable:
         * EVENT_QUEUE_NATS_URL.
         */
        private String url;
        /**
         * Prefix of the two key-value buckets (<prefix>_entries, <prefix>_nodes); the same prefix is the same queue.
         * Environment variable: EVENT_QUEUE_NATS_BUCKET_PREFIX.
         */
        private String bucketPrefix = "eventqueue";
        /** How many servers keep each bucket when it is created: 1 on a single server, 3 on a cluster. */
        private int replicas = 1;
        /**
         * Keep completed entries in the bucket until cleanup deletes them after the retention period (no node holds
         * them in memory; each counts them). With false a completion deletes its entry's key, and the bucket holds
         * the unfinished work only.
         */
        private boolean keepCompletedEntries = true;
        /**
         * Whether publishes inside the application's transactions go to an outbox table on its DataSource, to be
         * forwarded to JetStream after the commit (needs eventqueue-jdbc and one DataSource).
         */
        private boolean outbox;
        /** The outbox table; created at startup with eventqueue.jdbc.create-schema=true. */
        private String outboxTable = "event_outbox";

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getBucketPrefix() {
            return bucketPrefix;
        }

        public void setBucketPrefix(String bucketPrefix) {
            this.bucketPrefix = bucketPrefix;
        }

        public int getReplicas() {
            return replicas;
        }

        public void setReplicas(int replicas) {
            this.replicas = replicas;
        }

        public boolean isKeepCompletedEntries() {
            return keepCompletedEntries;
        }

        public void setKeepCompletedEntries(boolean keepCompletedEntries) {
            this.keepCompletedEntries = keepCompletedEntries;
        }

        public boolean isOutbox() {
            return outbox;
        }

        public void setOutbox(boolean outbox) {
            this.outbox = outbox;
        }

        public String getOutboxTable() {
            return outboxTable;
        }

        public void setOutboxTable(String outboxTable) {
            this.outboxTable = outboxTable;
        }
    }

    /** The JDBC store (used when {@code use-database} is true and the application has a DataSource). */
    public static class Jdbc {

        /** Create the queue table (and the audit table, if used) at startup if missing; off by default: use migrations. */
        private boolean createSchema = false;
        /** Wake dispatchers on other nodes through PostgreSQL LISTEN/NOTIFY (holds one connection per application). */
        private boolean notifications = true;
        /**
         * Keep completed entries in the queue table until cleanup deletes them after the retention
         * period; with false a completion deletes its entry (one write less per entry).
         */
        private boolean keepCompletedEntries = true;
        /**
         * On PostgreSQL, vacuum the queue table once this many entries finished on a node since its last vacuum
         * (claims slow down as finished entries' row versions pile up); 0 turns it off. Needs the table's owner.
         */
        private int vacuumAfter = 50_000;
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

        public boolean isKeepCompletedEntries() {
            return keepCompletedEntries;
        }

        public void setKeepCompletedEntries(boolean keepCompletedEntries) {
            this.keepCompletedEntries = keepCompletedEntries;
        }

        public int getVacuumAfter() {
            return vacuumAfter;
        }

        public void setVacuumAfter(int vacuumAfter) {
            this.vacuumAfter = vacuumAfter;
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

    /** The operator dashboard in the browser (needs eventqueue-dashboard and a servlet web application). */
    public static class Dashboard {

        /** Whether the dashboard is served; off unless asked for. */
        private boolean enabled = false;

        /** The path the dashboard is served at. */
        private String path = "/eventqueue";

        /**
         * The role (as HttpServletRequest.isUserInRole checks it, e.g. with Spring Security) whose users may
         * retry and purge from the dashboard; everyone else who reaches it may only look.
         */
        private String operatorRole;

        /** A token that allows retry and purge when sent as "Authorization: Bearer TOKEN", beside the role. */
        private String operatorToken;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getOperatorRole() {
            return operatorRole;
        }

        public void setOperatorRole(String operatorRole) {
            this.operatorRole = operatorRole;
        }

        public String getOperatorToken() {
            return operatorToken;
        }

        public void setOperatorToken(String operatorToken) {
            this.operatorToken = operatorToken;
        }
    }
}
