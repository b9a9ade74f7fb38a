package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.queue.ClaimedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed entry on a worker thread: the handler's lifecycle inside an
 * {@link EventContext}, then the outcome written back (completion batched, retry or failure at once).
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final int MAX_ERROR_LENGTH = 4000;

    private final RuntimeContext context;
    private final CompletionWriter completions;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peakActive = new AtomicInteger();

    Delivery(RuntimeContext context, CompletionWriter completions) {
        this.context = context;
        this.completions = completions;
    }

    int active() {
        return active.get();
    }

    int peakActive() {
        return peakActive.get();
    }

    @SuppressWarnings("unchecked")
    void run(ClaimedEntry entry) {
        EventHandler<DomainEvent> handler =
                (EventHandler<DomainEvent>) context.handlers().byName(entry.handlerName());
        if (!entry.isReadable()) {
            failUnreadable(entry);
            return;
        }
        try (EventContext.Scope ignored =
                EventContext.open(entry.id(), entry.handlerName(), entry.attempt(), entry.credentials())) {
            boolean observed = !context.listeners().isEmpty();
            if (observed) {
                context.listeners().onStarted(entry, sinceEnqueue(entry));
            }
            context.auditor().delivery(entry, AuditAction.STARTED, null);
            long startNanos = observed ? System.nanoTime() : 0;
            Exception failure = callHandler(handler, entry);
            // Timing only matters to listeners; a clock read per entry is measurable at a million a second.
            Duration took = observed ? Duration.ofNanos(System.nanoTime() - startNanos) : Duration.ZERO;
            // Observers hear of an outcome before the store shows it, so whoever sees the new state
            // (stats, a retry already running) has seen the outcome too.
            if (failure == null) {
                if (observed) {
                    context.listeners().onCompleted(entry, took);
                }
                completions.add(entry);
            } else if (context.isStopping() && interruptedByShutdown(failure)) {
                giveBack(entry);
            } else {
                onAttemptFailed(handler, entry, failure, took);
            }
        }
    }

    /** Runs the handler's lifecycle; counts as active only while the handler itself runs. */
    private Exception callHandler(EventHandler<DomainEvent> handler, ClaimedEntry entry) {
        peakActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        try {
            handler.deliver(entry.event());
            return null;
        } catch (Exception e) {
            return e;
        } catch (Throwable t) { // an Error in one handler must not leave its entry stuck in processing
            return new HandlerError(t);
        } finally {
            active.decrementAndGet();
        }
    }

    private Duration sinceEnqueue(ClaimedEntry entry) {
        Duration waited = Duration.between(entry.createdAt(), context.clock().instant());
        return waited.isNegative() ? Duration.ZERO : waited;
    }

    private void onAttemptFailed(
            EventHandler<DomainEvent> handler, ClaimedEntry entry, Exception failure, Duration took) {
        String error = describe(failure);
        if (context.config().retriesEnabled() && !entry.isLastAttempt()) {
            Duration delay = context.retryPolicy().delayAfter(entry.attempt(), handler.getRetryDelay());
            Instant nextRetryAt = context.clock().instant().plus(delay);
            LOG.debug(
                    "Handler {} failed attempt {}/{} of event {}; retry at {}",
                    entry.handlerName(),
                    entry.attempt(),
                    entry.maxAttempts(),
                    entry.eventId(),
                    nextRetryAt);
            context.auditor().delivery(entry, AuditAction.RETRY_SCHEDULED, error);
            context.listeners().onRetryScheduled(entry, took, failure, nextRetryAt);
            boolean held = writeOutcome(() -> context.repository()
                    .reschedule(
                            entry.id(),
                            context.owner(),
                            nextRetryAt,
                            error,
                            context.clock().instant()));
            if (!held) {
                warnLeaseLost(entry);
            }
            return;
        }
        LOG.warn(
                "Handler {} failed event {} ({}) on attempt {}/{}, giving up: {}",
                entry.handlerName(),
                entry.eventId(),
                entry.eventType(),
                entry.attempt(),
                entry.maxAttempts(),
                error);
        context.auditor().delivery(entry, AuditAction.FAILED, error);
        context.listeners().onFailed(entry, took, failure);
        boolean held = writeOutcome(() -> context.repository()
                .fail(entry.id(), context.owner(), error, context.clock().instant()));
        if (!held) {
            warnLeaseLost(entry); // onFailure belongs to the worker that holds the entry
            return;
        }
        try {
            handler.deliveryFailed(entry.event(), failure, entry.attempt());
        } catch (RuntimeException e) {
            LOG.warn(
                    "onFailure of handler {} threw for event {}: {}",
                    entry.handlerName(),
                    entry.eventId(),
                    e.toString());
        }
    }

    private void failUnreadable(ClaimedEntry entry) {
        String error = "Cannot read event payload: " + entry.payloadError();
        LOG.error(
                "Entry {} of event {} ({}) for handler {} failed: {}",
                entry.id(),
                entry.eventId(),
                entry.eventType(),
                entry.handlerName(),
                error);
        context.auditor().delivery(entry, AuditAction.FAILED, error);
        context.listeners().onFailed(entry, Duration.ZERO, new IllegalStateException(error));
        if (!writeOutcome(() -> context.repository()
                .fail(entry.id(), context.owner(), error, context.clock().instant()))) {
            warnLeaseLost(entry);
        }
    }

    /** Whether the call failed because stop() interrupted it after the shutdown timeout. */
    private static boolean interruptedByShutdown(Exception failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns an entry whose call was cut short by shutdown to the queue with its attempt taken
     * back: the handler did not fail, so it must neither use up an attempt nor reach onFailure.
     */
    private void giveBack(ClaimedEntry entry) {
        Thread.interrupted(); // clear the flag so the store call below is not cut short too
        try {
            context.repository()
                    .release(
                            List.of(entry.id()),
                            context.owner(),
                            context.clock().instant());
            LOG.warn(
                    "Handler {} was interrupted by shutdown on event {}; the entry returns to the queue",
                    entry.handlerName(),
                    entry.eventId());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Handler {} was interrupted by shutdown on event {} and the entry could not be released ({}); "
                            + "it returns to the queue when its lease expires",
                    entry.handlerName(),
                    entry.eventId(),
                    e.toString());
        }
    }

    private void warnLeaseLost(ClaimedEntry entry) {
        LOG.warn(
                "Lease on entry {} (handler {}, event {}) was lost before its outcome was written; "
                        + "the audit trail records the outcome, but it did not take effect: "
                        + "another worker owns it now",
                entry.id(),
                entry.handlerName(),
                entry.eventId());
    }

    /**
     * Writes a retry or failure, trying again while the store is unreachable so the entry is not
     * left processing under a live owner whose heartbeat would keep it forever.
     */
    private boolean writeOutcome(BooleanSupplier write) {
        long backoffMillis = 50;
        while (true) {
            try {
                return write.getAsBoolean();
            } catch (RuntimeException e) {
                if (context.isStopping()) {
                    LOG.warn(
                            "Could not write an outcome while stopping ({}); the lease will expire and the entry "
                                    + "will be retried",
                            e.toString());
                    return false;
                }
                LOG.warn("Could not write an outcome, retrying in {} ms: {}", backoffMillis, e.toString());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    static String describe(Throwable failure) {
        Throwable shown = failure instanceof HandlerError && failure.getCause() != null ? failure.getCause() : failure;
        StringBuilder text = new StringBuilder(shown.getClass().getName());
        if (shown.getMessage() != null) {
            text.append(": ").append(shown.getMessage());
        }
        Throwable cause = shown.getCause();
        for (int depth = 0; cause != null && cause != shown && depth < 5; depth++, cause = cause.getCause()) {
            text.append(" / caused by ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }

    /** Carries an {@link Error} thrown by a handler as an attempt failure. */
    static final class HandlerError extends Exception {
        HandlerError(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
