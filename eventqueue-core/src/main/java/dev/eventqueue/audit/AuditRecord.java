package dev.eventqueue.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the audit trail.
 *
 * @param handlerName {@code null} for a publish that no handler accepted
 * @param attempt     the attempt number, 0 where no attempt is involved (publish, manual retry)
 * @param userId      the publisher's user id, may be {@code null}; the role is not recorded
 * @param error       the failure message for {@code RETRY_SCHEDULED} and {@code FAILED}, else {@code null}
 */
public record AuditRecord(
        Instant timestamp,
        UUID eventId,
        String eventType,
        String handlerName,
        AuditAction action,
        int attempt,
        String userId,
        String error) {}
