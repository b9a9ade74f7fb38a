package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueSettings;
import dev.eventqueue.domain.DomainEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the Spring-side settings of {@link EventQueueProperties} (the dispatcher's own are checked
 * by {@link SettingsBinder} as they bind). Collects every problem rather than stopping at the first.
 */
final class SpringSettingsCheck {

    /** One rejected value: the bean field, and a message naming the property and the value. */
    record Problem(String field, String message) {}

    private SpringSettingsCheck() {}

    static List<Problem> problems(EventQueueProperties p) {
        List<Problem> problems = new ArrayList<>();
        String degraded = p.getHealth().getDegradedStatus();
        if (degraded == null || degraded.isBlank()) {
            problems.add(
                    problem("health.degradedStatus", "must be a health status code such as DEGRADED or UP", degraded));
        }
        if (p.getMetrics().getCacheTtl() == null || p.getMetrics().getCacheTtl().isNegative()) {
            problems.add(
                    problem("metrics.cacheTtl", "must be >= 0", p.getMetrics().getCacheTtl()));
        }
        String auditTable = p.getJdbc().getAuditTableName();
        try {
            EventQueueSettings.TABLE_NAME_SETTING.check(auditTable);
        } catch (IllegalArgumentException e) {
            problems.add(
                    problem("jdbc.auditTableName", "must be an SQL identifier such as 'event_audit_log'", auditTable));
        }
        List<Class<? extends DomainEvent>> eventTypes = p.getEventTypes();
        for (int i = 0; i < eventTypes.size(); i++) {
            // Generics are erased at binding: any class name binds, so check it is really an event.
            Class<?> type = eventTypes.get(i);
            if (type == null || !DomainEvent.class.isAssignableFrom(type)) {
                problems.add(problem(
                        "eventTypes[" + i + "]",
                        "must be a class implementing " + DomainEvent.class.getName(),
                        type == null ? null : type.getName()));
            }
        }
        return problems;
    }

    private static Problem problem(String field, String rule, Object value) {
        return new Problem(field, propertyName(field) + " " + rule + ", but was '" + value + "'");
    }

    /** {@code jdbc.auditTableName} is set as {@code eventqueue.jdbc.audit-table-name}. */
    static String propertyName(String field) {
        StringBuilder name = new StringBuilder(SettingsBinder.PREFIX);
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
