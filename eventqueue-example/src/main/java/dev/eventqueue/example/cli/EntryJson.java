package dev.eventqueue.example.cli;

import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.example.text.Texts;
import dev.eventqueue.queue.QueueEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of an entry and an audit record, the same in every command (and the endpoint). */
final class EntryJson {

    private EntryJson() {}

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
        json.put("createdAt", Texts.iso(entry.createdAt()));
        json.put("updatedAt", Texts.iso(entry.updatedAt()));
        json.put("nextRetryAt", Texts.iso(entry.nextRetryAt()));
        json.put("error", entry.error());
        json.put("userId", entry.credentialsUserId());
        return json;
    }

    static Map<String, Object> audit(AuditRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", Texts.iso(record.timestamp()));
        json.put("eventType", record.eventType());
        json.put("handler", record.handlerName());
        json.put("action", record.action().name());
        json.put("attempt", record.attempt());
        json.put("userId", record.userId());
        json.put("error", record.error());
        return json;
    }
}
