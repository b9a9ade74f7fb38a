package dev.eventqueue.audit;

/** What happened to an event or one of its queue entries. */
public enum AuditAction {
    PUBLISHED,
    STARTED,
    COMPLETED,
    RETRY_SCHEDULED,
    FAILED,
    RETRIED_MANUALLY,
    CLEANED_UP
}
