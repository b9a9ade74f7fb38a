package dev.eventqueue.micrometer;

/**
 * Names and tags of the meters this module registers. Names follow Micrometer conventions
 * (lower-case, dot-separated, base units); registries render them in their own style, e.g.
 * Prometheus shows {@code eventqueue.handler.duration} as {@code eventqueue_handler_duration_seconds}.
 */
public final class EventQueueMeterNames {

    /** Gauge: entries in the whole queue, tagged {@link #TAG_STATUS}. */
    public static final String ENTRIES = "eventqueue.entries";
    /** Time gauge (seconds): how long the oldest due pending entry has waited; 0 when nothing is due. */
    public static final String LAG = "eventqueue.lag";
    /** Gauge: aggregates whose ordered entries wait behind a failed entry until an operator acts. */
    public static final String AGGREGATES_BLOCKED = "eventqueue.aggregates.blocked";
    /** Gauge: handler calls running now in this dispatcher (in flight). */
    public static final String HANDLERS_ACTIVE = "eventqueue.handlers.active";

    /** Timer: one handler attempt, tagged handler, event type, {@link #TAG_OUTCOME} and exception. */
    public static final String HANDLER_DURATION = "eventqueue.handler.duration";
    /** Timer: time from enqueue to the start of an attempt (publish-to-start latency, or retry wait). */
    public static final String HANDLER_START_DELAY = "eventqueue.handler.start.delay";
    /** Counter: attempts that failed and were scheduled to run again, tagged handler and event type. */
    public static final String HANDLER_RETRIES = "eventqueue.handler.retries";

    /** Counter: events published, tagged event type. */
    public static final String EVENTS_PUBLISHED = "eventqueue.events.published";
    /** Counter: queue entries written by publishes (one per accepting handler), tagged event type. */
    public static final String ENTRIES_ENQUEUED = "eventqueue.entries.enqueued";
    /** Distribution summary: entries taken by one claim, tagged {@link #TAG_LOOP}. */
    public static final String CLAIM_SIZE = "eventqueue.claim.size";
    /** Counter: polls that failed (store unreachable and the like), tagged loop and exception. */
    public static final String POLL_ERRORS = "eventqueue.poll.errors";

    public static final String TAG_STATUS = "status";
    public static final String TAG_HANDLER = "handler";
    public static final String TAG_EVENT_TYPE = "event.type";
    /** {@code completed}, {@code retry} (failed, will run again) or {@code failed} (for good). */
    public static final String TAG_OUTCOME = "outcome";
    /** Simple class name of the failure, {@code none} on success. */
    public static final String TAG_EXCEPTION = "exception";
    /** {@code foreground} or {@code background}. */
    public static final String TAG_LOOP = "loop";

    public static final String OUTCOME_COMPLETED = "completed";
    public static final String OUTCOME_RETRY = "retry";
    public static final String OUTCOME_FAILED = "failed";

    private EventQueueMeterNames() {}
}
