package dev.eventqueue.dashboard;

import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The entry filter of a request: query parameters for lists, the JSON body for actions. Both use
 * the same names: {@code status}, {@code handler}, {@code eventType} (several allowed),
 * {@code aggregateId}, {@code error}, {@code from}, {@code to}.
 */
final class Filters {

    private Filters() {}

    /**
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    static EntryFilter fromQuery(Map<String, List<String>> query) {
        return build(
                values(query, "status"),
                values(query, "handler"),
                values(query, "eventType"),
                first(query, "aggregateId"),
                first(query, "error"),
                first(query, "from"),
                first(query, "to"));
    }

    /**
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static EntryFilter fromJson(JsonNode body) {
        return build(
                values(body, "status"),
                values(body, "handler"),
                values(body, "eventType"),
                text(body, "aggregateId"),
                text(body, "error"),
                text(body, "from"),
                text(body, "to"));
    }

    private static EntryFilter build(
            List<String> statuses,
            List<String> handlers,
            List<String> eventTypes,
            String aggregateId,
            String error,
            String from,
            String to) {
        EntryFilter.Builder builder = EntryFilter.builder();
        List<EntryStatus> parsed = new ArrayList<>();
        for (String status : statuses) {
            try {
                parsed.add(EntryStatus.fromDbValue(status));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "status must be one of pending, processing, completed, failed, but was '" + status + "'");
            }
        }
        builder.statuses(parsed);
        handlers.forEach(builder::handler);
        eventTypes.forEach(builder::eventType);
        return builder.aggregateId(aggregateId)
                .errorContains(error)
                .updatedFrom(instant("from", from))
                .updatedBefore(instant("to", to))
                .build();
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

    private static List<String> values(Map<String, List<String>> query, String name) {
        List<String> all = new ArrayList<>();
        for (String value : query.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    all.add(part.trim());
                }
            }
        }
        return all;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.isEmpty() || values.get(0).isBlank()
                ? null
                : values.get(0).trim();
    }

    private static List<String> values(JsonNode body, String name) {
        JsonNode node = body.get(name);
        List<String> all = new ArrayList<>();
        if (node == null || node.isNull()) {
            return all;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isString()) {
                    throw new IllegalArgumentException(name + " must be a list of texts");
                }
                if (!item.asString().isBlank()) {
                    all.add(item.asString().trim());
                }
            }
        } else if (node.isString()) {
            if (!node.asString().isBlank()) {
                all.add(node.asString().trim());
            }
        } else {
            throw new IllegalArgumentException(name + " must be a text or a list of texts");
        }
        return all;
    }

    private static String text(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(name + " must be a text");
        }
        return node.asString().isBlank() ? null : node.asString().trim();
    }
}
