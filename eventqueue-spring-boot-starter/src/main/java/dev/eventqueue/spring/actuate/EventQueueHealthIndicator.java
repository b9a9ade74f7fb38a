package dev.eventqueue.spring.actuate;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.HealthReport;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Actuator health from {@link EventDispatcher#getHealth()}, with its details (store reachability,
 * loop poll ages, oldest due age, failed count, reasons). Mapping: {@code UP} to {@code UP};
 * {@code DOWN} (store unreachable) to {@code DOWN}; {@code DEGRADED} (backlog older than the
 * threshold, or a loop not polling) to a configurable status, {@code DEGRADED} by default. Spring
 * Boot ranks a status it does not know below {@code UP}, so the overall health stays {@code UP}
 * (HTTP 200) unless {@code management.endpoint.health.status.order} lists {@code DEGRADED}.
 */
public final class EventQueueHealthIndicator implements HealthIndicator {

    private final EventDispatcher dispatcher;
    private final Status degradedStatus;

    public EventQueueHealthIndicator(EventDispatcher dispatcher, String degradedStatusCode) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.degradedStatus = new Status(Objects.requireNonNull(degradedStatusCode, "degradedStatusCode"));
    }

    @Override
    public Health health() {
        HealthReport report = dispatcher.getHealth();
        return Health.status(map(report.status())).withDetails(report.details()).build();
    }

    private Status map(HealthReport.Status status) {
        return switch (status) {
            case UP -> Status.UP;
            case DEGRADED -> degradedStatus;
            case DOWN -> Status.DOWN;
        };
    }
}
