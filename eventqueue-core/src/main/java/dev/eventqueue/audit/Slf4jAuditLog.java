package dev.eventqueue.audit;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each audit record as one INFO line to the {@code dev.eventqueue.audit} logger, for
 * shipping to a log store. It keeps nothing, so {@link #findByEventId} is always empty; combine
 * it with a queryable log through {@link AuditLogs#composite}. User ids are logged, credentials' roles are not.
 */
public final class Slf4jAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.eventqueue.audit");

    @Override
    public void record(AuditRecord record) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        if (record.error() == null) {
            LOG.info(
                    "audit action={} eventId={} eventType={} handler={} attempt={} userId={}",
                    record.action(),
                    record.eventId(),
                    record.eventType(),
                    record.handlerName(),
                    record.attempt(),
                    record.userId());
        } else {
            LOG.info(
                    "audit action={} eventId={} eventType={} handler={} attempt={} userId={} error={}",
                    record.action(),
                    record.eventId(),
                    record.eventType(),
                    record.handlerName(),
                    record.attempt(),
                    record.userId(),
                    record.error());
        }
    }

    @Override
    public List<AuditRecord> findByEventId(UUID eventId) {
        return List.of();
    }
}
