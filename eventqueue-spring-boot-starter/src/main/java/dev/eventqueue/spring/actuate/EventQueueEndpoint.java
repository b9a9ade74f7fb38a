package dev.eventqueue.spring.actuate;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.HealthReport;
import dev.eventqueue.QueueStats;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.queue.QueueEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/eventqueue}: {@code GET} gives stats, health, handlers, settings and the oldest
 * failed entries ({@code ?failedLimit=}, default 20); {@code POST} retries failed entries (JSON
 * body {@code {"limit": n}}, default 100), oldest failure first; {@code GET /{eventId}} shows one
 * event's entries and audit trail. The write operation changes the queue: secure it as you
 * secure other write endpoints.
 */
@Endpoint(id = "eventqueue")
public class EventQueueEndpoint {

    static final int DEFAULT_FAILED_LIMIT = 20;
    static final int DEFAULT_RETRY_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final EventDispatcher dispatcher;

    public EventQueueEndpoint(EventDispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    @ReadOperation
    public QueueDescriptor queue(@Nullable Integer failedLimit) {
        int limit = limit("failedLimit", failedLimit, DEFAULT_FAILED_LIMIT);
        HealthReport health = dispatcher.getHealth();
        return new QueueDescriptor(
                dispatcher.isRunning(),
                dispatcher.getStats(),
                new HealthView(health.status().name(), health.details()),
                dispatcher.getHandlerNames(),
                dispatcher.getConfig().describe(),
                dispatcher.getFailedEntries(limit).stream().map(EntryView::of).toList());
    }

    @ReadOperation
    public EventDescriptor event(@Selector String eventId) {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(
                    "eventId must be a UUID, but was '" + eventId + "'", "eventId must be a UUID");
        }
        return new EventDescriptor(
                id,
                dispatcher.getRepository().findByEventId(id).stream()
                        .map(EntryView::of)
                        .toList(),
                dispatcher.getAuditLog().findByEventId(id));
    }

    @WriteOperation
    public RetryResult retryFailed(@Nullable Integer limit) {
        return new RetryResult(dispatcher.retryFailedEvents(limit("limit", limit, DEFAULT_RETRY_LIMIT)));
    }

    private static int limit(String name, Integer requested, int byDefault) {
        if (requested == null) {
            return byDefault;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidEndpointRequestException(
                    name + " must be between 1 and " + MAX_LIMIT + ", but was " + requested, name + " out of range");
        }
        return requested;
    }

    /** The endpoint's main document. {@code config} uses the environment variable names and holds no secrets. */
    public record QueueDescriptor(
            boolean running,
            QueueStats stats,
            HealthView health,
            Set<String> handlers,
            Map<String, String> config,
            List<EntryView> failed) {}

    public record HealthView(String status, Map<String, Object> details) {}

    public record EventDescriptor(UUID eventId, List<EntryView> entries, List<AuditRecord> audit) {}

    public record RetryResult(int retried) {}

    /** A queue entry as operators see it (lease owner and role left out). */
    public record EntryView(
            UUID id,
            UUID eventId,
            String eventType,
            String aggregateId,
            String handler,
            String status,
            int attempts,
            int maxAttempts,
            String error,
            String userId,
            Instant createdAt,
            Instant updatedAt,
            Instant nextRetryAt) {

        static EntryView of(QueueEntry e) {
            return new EntryView(
                    e.id(),
                    e.eventId(),
                    e.eventType(),
                    e.aggregateId(),
                    e.handlerName(),
                    e.status().dbValue(),
                    e.attempts(),
                    e.maxAttempts(),
                    e.error(),
                    e.credentialsUserId(),
                    e.createdAt(),
                    e.updatedAt(),
                    e.nextRetryAt());
        }
    }
}
