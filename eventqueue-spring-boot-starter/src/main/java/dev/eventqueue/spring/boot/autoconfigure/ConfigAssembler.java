package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.DomainEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds an {@link EventQueueConfig} from {@link EventQueueProperties} through the core builder, so
 * both share one set of rules, and rewords each rejected value to name its {@code eventqueue.*}
 * property. Collects every problem rather than stopping at the first.
 */
final class ConfigAssembler {

    /** One rejected value: the bean field, and a message naming the property and the value. */
    record Problem(String field, String message) {}

    private final EventQueueProperties properties;
    private final List<Problem> problems = new ArrayList<>();

    ConfigAssembler(EventQueueProperties properties) {
        this.properties = properties;
    }

    EventQueueConfig assemble() {
        EventQueueProperties p = properties;
        EventQueueConfig.Builder b = EventQueueConfig.builder();
        b.useDatabase(p.isUseDatabase());
        b.retriesEnabled(p.isRetriesEnabled());
        apply("batchSize", p.getBatchSize(), b::batchSize);
        apply("processingInterval", p.getProcessingInterval(), b::processingInterval);
        apply("backgroundInterval", p.getBackgroundInterval(), b::backgroundInterval);
        apply("maxConcurrent", p.getMaxConcurrent(), b::maxConcurrent);
        apply("cleanupInterval", p.getCleanupInterval(), b::cleanupInterval);
        apply("retentionDays", p.getRetentionDays(), b::retentionDays);
        apply("leaseDuration", p.getLeaseDuration(), b::leaseDuration);
        apply("shutdownTimeout", p.getShutdownTimeout(), b::shutdownTimeout);
        apply("retryBackoff", p.getRetryBackoff(), b::retryBackoff);
        apply("maxRetryDelay", p.getMaxRetryDelay(), b::maxRetryDelay);
        apply("healthMaxLag", p.getHealthMaxLag(), b::healthMaxLag);
        apply("tableName", p.getTableName(), b::tableName);
        checkSpringSettings(p);
        try {
            return b.build();
        } catch (IllegalArgumentException e) { // settings that are valid alone but not together
            problems.add(new Problem("leaseDuration", reword("leaseDuration", e.getMessage())));
            return null;
        }
    }

    List<Problem> problems() {
        return problems;
    }

    private void checkSpringSettings(EventQueueProperties p) {
        String degraded = p.getHealth().getDegradedStatus();
        if (degraded == null || degraded.isBlank()) {
            reject("health.degradedStatus", "must be a health status code such as DEGRADED or UP", degraded);
        }
        if (p.getMetrics().getCacheTtl() == null || p.getMetrics().getCacheTtl().isNegative()) {
            reject("metrics.cacheTtl", "must be >= 0", p.getMetrics().getCacheTtl());
        }
        String auditTable = p.getJdbc().getAuditTableName();
        try {
            EventQueueConfig.builder().tableName(auditTable);
        } catch (IllegalArgumentException e) {
            reject("jdbc.auditTableName", "must be an SQL identifier such as 'event_audit_log'", auditTable);
        }
        List<Class<? extends DomainEvent>> eventTypes = p.getEventTypes();
        for (int i = 0; i < eventTypes.size(); i++) {
            // Generics are erased at binding: any class name binds, so check it is really an event.
            Class<?> type = eventTypes.get(i);
            if (type == null || !DomainEvent.class.isAssignableFrom(type)) {
                reject(
                        "eventTypes[" + i + "]",
                        "must be a class implementing " + DomainEvent.class.getName(),
                        type == null ? null : type.getName());
            }
        }
    }

    private <T> void apply(String field, T value, Consumer<T> setter) {
        if (value == null) {
            reject(field, "must be set", null);
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, reword(field, e.getMessage())));
        }
    }

    private void reject(String field, String rule, Object value) {
        problems.add(new Problem(field, propertyName(field) + " " + rule + ", but was '" + value + "'"));
    }

    /** The core names the setting by its Java name ("batchSize must be >= 1, but was 0"); users know the property. */
    private static String reword(String field, String coreMessage) {
        String property = propertyName(field);
        if (coreMessage != null && coreMessage.startsWith(field + " ")) {
            return property + coreMessage.substring(field.length());
        }
        return property + ": " + coreMessage;
    }

    static String propertyName(String field) {
        StringBuilder name = new StringBuilder("eventqueue.");
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
