package dev.eventqueue.dashboard;

import dev.eventqueue.EntryDetails;
import dev.eventqueue.EventQueueOperations;
import dev.eventqueue.Orphans;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.NodeHeartbeat;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntSupplier;

/** What the read-only endpoints answer, as JSON-ready maps. */
final class ReadViews {

    static final int MAX_PAGE = 200;
    /** Entries in progress read at most to tell which node holds how many. */
    static final int HELD_SAMPLE = 5_000;

    private final String queueName;
    private final EventQueueRepository repository;
    private final EventQueueOperations operations;
    private final IntSupplier activeHandlers;

    ReadViews(
            String queueName,
            EventQueueRepository repository,
            EventQueueOperations operations,
            IntSupplier activeHandlers) {
        this.queueName = queueName;
        this.repository = repository;
        this.operations = operations;
        this.activeHandlers = activeHandlers;
    }

    Map<String, Object> stats(Caller caller) {
        Instant now = repository.clock().instant();
        QueueCounts counts = repository.countByStatus();
        Instant oldestDue = repository.oldestDueSince(now);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("queue", queueName);
        json.put("now", now.toString());
        json.put("pending", counts.pending());
        json.put("processing", counts.processing());
        json.put("completed", counts.completed());
        json.put("failed", counts.failed());
        json.put("total", counts.total());
        // Claimed entries are handler calls under way on some node, this one or another.
        json.put("inFlight", counts.processing());
        json.put("activeHandlersHere", activeHandlers == null ? null : activeHandlers.getAsInt());
        json.put("blockedAggregates", repository.countBlockedOrderingKeys());
        json.put("oldestDueSince", Json.iso(oldestDue));
        json.put(
                "oldestDueAgeSeconds",
                oldestDue == null
                        ? null
                        : Math.max(0, Duration.between(oldestDue, now).toSeconds()));
        json.put("orphans", orphans(optionalOrphans()));
        json.put("operator", caller.operator());
        json.put("caller", caller.name());
        return json;
    }

    Map<String, Object> handlers() {
        return HandlerSummary.of(repository, optionalOrphans().orElse(new Orphans(0, java.util.Set.of(), Map.of())));
    }

    Map<String, Object> entries(DashboardRequest request) {
        EntryFilter filter = Filters.fromQuery(request.query());
        int offset = integer(request.param("offset"), "offset", 0);
        int limit = Math.min(MAX_PAGE, integer(request.param("limit"), "limit", 50));
        EntryPage page = operations.entries(filter, offset, limit);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", page.total());
        json.put("offset", page.offset());
        json.put("limit", page.limit());
        json.put("hasMore", page.hasMore());
        json.put("entries", page.entries().stream().map(Json::entry).toList());
        return json;
    }

    /** One entry whole, or empty when the store has no such entry. */
    Optional<Map<String, Object>> entry(String id) {
        UUID entryId;
        try {
            entryId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an entry id is a UUID, but was '" + id + "'");
        }
        return operations.entry(entryId).map(ReadViews::details);
    }

    private static Map<String, Object> details(EntryDetails details) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entry", Json.entry(details.entry()));
        // Publishers' credentials or secrets inside an event are never shown.
        json.put("payload", SecretMasking.mask(details.payload()));
        Map<String, String> headers = new TreeMap<>();
        details.headers()
                .forEach((name, value) ->
                        headers.put(name, SecretMasking.mask(name + "=" + value).substring(name.length() + 1)));
        json.put("headers", headers);
        json.put("siblings", details.siblings().stream().map(Json::entry).toList());
        json.put("audit", details.audit().stream().map(Json::audit).toList());
        return json;
    }

    Map<String, Object> nodes() {
        Instant now = repository.clock().instant();
        List<NodeHeartbeat> alive = repository.nodesAliveAt(now);
        EntryPage processing = repository.findEntries(
                EntryFilter.builder().status(EntryStatus.PROCESSING).build(), 0, HELD_SAMPLE);
        Map<String, Long> held = new TreeMap<>();
        for (QueueEntry entry : processing.entries()) {
            if (entry.owner() != null) {
                held.merge(entry.owner(), 1L, Long::sum);
            }
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeHeartbeat node : alive) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("owner", node.owner());
            json.put("handlers", new TreeSet<>(node.handlers()));
            json.put("lastSeen", node.seenAt().toString());
            json.put(
                    "lastSeenAgeSeconds",
                    Math.max(0, Duration.between(node.seenAt(), now).toSeconds()));
            json.put("aliveUntil", node.aliveUntil().toString());
            json.put("entriesHeld", held.getOrDefault(node.owner(), 0L));
            nodes.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("now", now.toString());
        json.put("nodes", nodes);
        json.put("processing", processing.total());
        return json;
    }

    /**
     * The orphans, or empty when the store cannot tell (a table made before running dispatchers
     * were recorded); the counts read just before show whether the store answers at all.
     */
    private Optional<Orphans> optionalOrphans() {
        try {
            return Optional.of(operations.orphans());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> orphans(Optional<Orphans> found) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("known", found.map(Orphans::known).orElse(false));
        json.put("runningNodes", found.map(Orphans::runningNodes).orElse(null));
        json.put("total", found.map(Orphans::total).orElse(null));
        json.put("byHandler", found.map(Orphans::byHandler).orElse(Map.of()));
        return json;
    }

    private static int integer(String value, String name, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            EntryPage.requireValid("offset".equals(name) ? parsed : 0, "limit".equals(name) ? parsed : 1);
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, but was '" + value + "'");
        }
    }
}
