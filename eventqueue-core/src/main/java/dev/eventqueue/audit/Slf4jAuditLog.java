package dev.eventqueue.audit;

import dev.eventqueue.monitoring.SecretMasking;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each audit record as one INFO line to the {@code dev.eventqueue.audit} logger, for
 * shipping to a log store. It keeps nothing, so {@link #findByEventId} is always empty; combine
 * it with a queryable log through {@link AuditLogs#composite}.
 *
 * <p>User ids are personal data and are left out of the line unless the application asks for
 * them with {@link #includingUserIds()}; credentials' roles are never written. Error text is
 * written as the dispatcher stored it (redacted, secrets masked).
 */
public final class Slf4jAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.eventqueue.audit");

    private final boolean withUserIds;

    /** Writes audit lines without user ids. */
    public Slf4jAuditLog() {
        this(false);
    }

    private Slf4jAuditLog(boolean withUserIds) {
        this.withUserIds = withUserIds;
    }

    /** Writes audit lines with the acting user's id: a choice to make knowing that logs then hold personal data. */
    public static Slf4jAuditLog includingUserIds() {
        return new Slf4jAuditLog(true);
    }

    @Override
    public void record(AuditRecord record) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder("audit action=")
                .append(record.action())
                .append(" eventId=")
                .append(record.eventId())
                .append(" eventType=")
                .append(record.eventType())
                .append(" handler=")
                .append(record.handlerName())
                .append(" attempt=")
                .append(record.attempt());
        if (withUserIds) {
            line.append(" userId=").append(record.userId());
        }
        if (record.error() != null) {
            line.append(" error=").append(SecretMasking.mask(record.error()));
        }
        LOG.info("{}", line);
    }

    @Override
    public List<AuditRecord> findByEventId(UUID eventId) {
        return List.of();
    }
}
