package dev.eventqueue.monitoring;

/** How one handler attempt ended, as an {@link EventQueueInterceptor} is told. */
public enum DeliveryOutcome {
    /** The handler succeeded. */
    COMPLETED,
    /** The handler failed and the entry will be tried again. */
    RETRY_SCHEDULED,
    /** The handler failed and no attempt is left (or the failure was not retryable). */
    FAILED,
    /**
     * The handler overran its timeout and did not return in the grace period; the failure was
     * written for it and whatever it returns later is dropped.
     */
    ABANDONED;

    /** The lower-case name used in span attributes and log lines, e.g. {@code retry_scheduled}. */
    public String attributeValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
