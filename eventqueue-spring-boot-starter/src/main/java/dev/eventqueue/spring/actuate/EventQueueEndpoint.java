package dev.eventqueue.spring.actuate;

import dev.eventqueue.BulkResult;
import dev.eventqueue.EntryDetails;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueOperations;
import dev.eventqueue.HealthReport;
import dev.eventqueue.Orphans;
import dev.eventqueue.QueueStats;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code /actuator/eventqueue}, the same operations as the CLI:
 *
 * <ul>
 *   <li>{@code GET /actuator/eventqueue}: stats, orphans, health, handlers, settings (under the
 *       {@code eventqueue.*} property names) and the oldest failed entries ({@code ?failedLimit=},
 *       default 20);</li>
 *   <li>{@code GET /actuator/eventqueue/entries?status=&handler=&eventType=&aggregateId=&error=&from=&to=&offset=&limit=}:
 *       one page of the entries matching the filters;</li>
 *   <li>{@code GET /actuator/eventqueue/entries/{entryId}}: one entry whole;</li>
 *   <li>{@code GET /actuator/eventqueue/{eventId}}: one event's entries and audit trail;</li>
 *   <li>{@code POST /actuator/eventqueue} with {@code {"limit": n}}: retries failed entries, oldest first;</li>
 *   <li>{@code POST /actuator/eventqueue/retry} and {@code /purge} with the filters, and
 *       {@code "yes": true} to act (otherwise a dry run that counts); purge takes
 *       {@code "failed"} and {@code "orphans"}.</li>
 * </ul>
 *
 * An unknown event or entry answers 404. The write operations change the queue: secure them as
 * you secure other write endpoints.
 */
@Endpoint(id = "eventqueue")
public class EventQueueEndpoint {

    static final int DEFAULT_FAILED_LIMIT = 20;
    static final int DEFAULT_RETRY_LIMIT = 100;
    static final int DEFAULT_PAGE = 20;
    static final int MAX_LIMIT = 10_000;
    private static final String PROPERTY_PREFIX = "eventqueue.";
    private static final String ENTRIES = "entries";

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
                OrphansView.of(orphans()),
                new HealthView(health.status().name(), health.details()),
                dispatcher.getHandlerNames(),
                configuration(),
                dispatcher.getFailedEntries(limit).stream().map(EntryView::of).toList());
    }

    /**
     * {@code /entries} (a page, with the filters as query parameters) or {@code /{eventId}}.
     *
     * @return {@code null} (404) for an unknown event
     */
    @ReadOperation
    public @Nullable Object read(
            @Selector String idOrEntries,
            @Nullable String status,
            @Nullable String handler,
            @Nullable String eventType,
            @Nullable String aggregateId,
            @Nullable String error,
            @Nullable String from,
            @Nullable String to,
            @Nullable Integer offset,
            @Nullable Integer limit) {
        if (ENTRIES.equals(idOrEntries)) {
            EntryFilter filter = filter(status, handler, eventType, aggregateId, error, from, to);
            int first = offset == null ? 0 : offset;
            if (first < 0) {
                throw new InvalidEndpointRequestException(
                        "offset must be 0 or more, but was " + first, "offset out of range");
            }
            EntryPage page = operations().entries(filter, first, limit("limit", limit, DEFAULT_PAGE));
            return new PageView(
                    page.total(),
                    page.offset(),
                    page.limit(),
                    page.hasMore() ? page.nextOffset() : null,
                    page.entries().stream().map(EntryView::of).toList());
        }
        UUID id = uuid("eventId", idOrEntries);
        List<EntryView> entries = dispatcher.getRepository().findByEventId(id).stream()
                .map(EntryView::of)
                .toList();
        List<AuditView> audit = dispatcher.getAuditLog().findByEventId(id).stream()
                .map(AuditView::of)
                .toList();
        if (entries.isEmpty() && audit.isEmpty()) {
            return null;
        }
        return new EventDescriptor(id, entries, audit);
    }

    /**
     * {@code /entries/{entryId}}: one entry whole.
     *
     * @return {@code null} (404) for an unknown entry
     */
    @ReadOperation
    public @Nullable EntryDescriptor entry(@Selector String entries, @Selector String entryId) {
        if (!ENTRIES.equals(entries)) {
            return null;
        }
        return operations()
                .entry(uuid("entryId", entryId))
                .map(EntryDescriptor::of)
                .orElse(null);
    }

    @WriteOperation
    public RetryResult retryFailed(@Nullable Integer limit) {
        return new RetryResult(dispatcher.retryFailedEvents(limit("limit", limit, DEFAULT_RETRY_LIMIT)));
    }

    /** {@code POST /retry} or {@code /purge}: a dry run unless {@code yes} is true. */
    @WriteOperation
    public BulkView change(
            @Selector String operation,
            @Nullable String status,
            @Nullable String handler,
            @Nullable String eventType,
            @Nullable String aggregateId,
            @Nullable String error,
            @Nullable String from,
            @Nullable String to,
            @Nullable Boolean failed,
            @Nullable Boolean orphans,
            @Nullable Boolean yes) {
        boolean dryRun = !Boolean.TRUE.equals(yes);
        EntryFilter filter = filter(status, handler, eventType, aggregateId, error, from, to);
        BulkResult result;
        switch (operation) {
            case "retry" -> result = operations().retry(filter, dryRun);
            case "purge" -> {
                if (status != null) {
                    throw new InvalidEndpointRequestException(
                            "purge chooses entries with failed and orphans, not status", "status not allowed");
                }
                List<EntryStatus> statuses = new ArrayList<>();
                boolean withOrphans = Boolean.TRUE.equals(orphans);
                if (Boolean.TRUE.equals(failed) || !withOrphans) {
                    statuses.add(EntryStatus.FAILED);
                }
                if (withOrphans) {
                    statuses.add(EntryStatus.PENDING);
                }
                try {
                    result = operations()
                            .purge(filter.toBuilder().statuses(statuses).build(), dryRun);
                } catch (IllegalStateException e) {
                    throw new InvalidEndpointRequestException(e.getMessage(), "orphans unknown");
                }
            }
            default ->
                throw new InvalidEndpointRequestException(
                        "operation must be retry or purge, but was '" + operation + "'", "unknown operation");
        }
        return new BulkView(result.dryRun(), result.failed(), result.orphans(), result.total());
    }

    private EventQueueOperations operations() {
        return dispatcher.operations();
    }

    private Orphans orphans() {
        try {
            return operations().orphans();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The settings under the names the application configures them by: {@code eventqueue.*} properties. */
    private Map<String, String> configuration() {
        Map<String, String> configuration = new LinkedHashMap<>();
        dispatcher
                .getConfig()
                .describeAsProperties()
                .forEach((name, value) -> configuration.put(PROPERTY_PREFIX + name, value));
        return configuration;
    }

    private static EntryFilter filter(
            String status, String handler, String eventType, String aggregateId, String error, String from, String to) {
        EntryFilter.Builder builder = EntryFilter.builder();
        try {
            if (status != null) {
                List<EntryStatus> statuses = new ArrayList<>();
                for (String value : status.split(",")) {
                    statuses.add(EntryStatus.fromDbValue(value));
                }
                builder.statuses(statuses);
            }
            if (handler != null) {
                builder.handler(handler.split(","));
            }
            if (eventType != null) {
                builder.eventType(eventType.split(","));
            }
            return builder.aggregateId(aggregateId)
                    .errorContains(error)
                    .updatedFrom(instant("from", from))
                    .updatedBefore(instant("to", to))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "invalid filter");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be an instant in UTC such as 2026-01-31T08:00:00Z, but was '" + value + "'");
        }
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(
                    name + " must be a UUID, but was '" + value + "'", name + " must be a UUID");
        }
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

    /** The endpoint's main document. {@code config} uses the {@code eventqueue.*} property names and holds no secrets. */
    public record QueueDescriptor(
            boolean running,
            QueueStats stats,
            OrphansView orphans,
            HealthView health,
            Set<String> handlers,
            Map<String, String> config,
            List<EntryView> failed) {}

    public record HealthView(String status, Map<String, Object> details) {}

    /** Orphans per handler; {@code known} is false while no dispatcher runs, or when the store cannot tell. */
    public record OrphansView(boolean known, Integer runningNodes, Long total, Map<String, Long> byHandler) {
        static OrphansView of(Orphans orphans) {
            return orphans == null
                    ? new OrphansView(false, null, null, Map.of())
                    : new OrphansView(orphans.known(), orphans.runningNodes(), orphans.total(), orphans.byHandler());
        }
    }

    public record EventDescriptor(UUID eventId, List<EntryView> entries, List<AuditView> audit) {}

    public record PageView(long total, int offset, int limit, Integer nextOffset, List<EntryView> entries) {}

    /** One entry whole: the same shape as the CLI's {@code entry --json}. */
    public record EntryDescriptor(
            EntryView entry,
            String payload,
            Map<String, String> headers,
            List<EntryView> entries,
            List<AuditView> audit) {
        static EntryDescriptor of(EntryDetails details) {
            return new EntryDescriptor(
                    EntryView.of(details.entry()),
                    details.payload(),
                    details.headers(),
                    details.siblings().stream().map(EntryView::of).toList(),
                    details.audit().stream().map(AuditView::of).toList());
        }
    }

    public record RetryResult(int retried) {}

    public record BulkView(boolean dryRun, long failed, long orphans, long total) {}

    /** An audit record: the same shape as the CLI's. */
    public record AuditView(
            Instant timestamp,
            String eventType,
            String handler,
            String action,
            int attempt,
            String userId,
            String error) {
        static AuditView of(AuditRecord r) {
            return new AuditView(
                    r.timestamp(),
                    r.eventType(),
                    r.handlerName(),
                    r.action().name(),
                    r.attempt(),
                    r.userId(),
                    r.error());
        }
    }

    /** A queue entry as operators see it (lease owner and role left out): the same shape as the CLI's. */
    public record EntryView(
            UUID id,
            UUID eventId,
            String eventType,
            String aggregateId,
            String handler,
            String status,
            int attempts,
            int maxAttempts,
            int priority,
            boolean background,
            Instant createdAt,
            Instant updatedAt,
            Instant nextRetryAt,
            String error,
            String userId) {

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
                    e.priority(),
                    e.background(),
                    e.createdAt(),
                    e.updatedAt(),
                    e.nextRetryAt(),
                    e.error(),
                    e.credentialsUserId());
        }
    }
}
