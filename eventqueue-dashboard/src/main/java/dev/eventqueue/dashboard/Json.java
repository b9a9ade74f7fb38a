package dev.eventqueue.dashboard;

import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.QueueEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON shapes of the API, and reading and writing JSON. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /**
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    static JsonNode readObject(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the request body must be a JSON object: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        return node;
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * An entry as the pages show it. The publisher's role is left out, and error text is masked
     * once more: it may hold what a handler put in an exception message.
     */
    static Map<String, Object> entry(QueueEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id().toString());
        json.put("eventId", entry.eventId().toString());
        json.put("eventType", entry.eventType());
        json.put("aggregateId", entry.aggregateId());
        json.put("handler", entry.handlerName());
        json.put("status", entry.status().dbValue());
        json.put("attempts", entry.attempts());
        json.put("maxAttempts", entry.maxAttempts());
        json.put("priority", entry.priority());
        json.put("background", entry.background());
        json.put("createdAt", iso(entry.createdAt()));
        json.put("updatedAt", iso(entry.updatedAt()));
        json.put("nextRetryAt", iso(entry.nextRetryAt()));
        json.put("owner", entry.owner());
        json.put("leaseExpiresAt", iso(entry.leaseExpiresAt()));
        json.put("error", SecretMasking.mask(entry.error()));
        json.put("userId", entry.credentialsUserId());
        return json;
    }

    static Map<String, Object> audit(AuditRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", iso(record.timestamp()));
        json.put("eventType", record.eventType());
        json.put("handler", record.handlerName());
        json.put("action", record.action().name());
        json.put("attempt", record.attempt());
        json.put("userId", record.userId());
        json.put("error", SecretMasking.mask(record.error()));
        return json;
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", message);
        return json;
    }
}
