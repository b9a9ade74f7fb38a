package dev.eventqueue.dispatch;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.Backoff;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.handler.HandlerTimeoutException;
import dev.eventqueue.handler.OrderingFailurePolicy;
import dev.eventqueue.handler.WorkerLostException;
import dev.eventqueue.monitoring.DeliveryMdc;
import dev.eventqueue.monitoring.DeliveryOutcome;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.TransactionalCompletion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed entry on a worker thread: the handler's lifecycle inside an
 * {@link EventContext}, under the watchdog's timeout, then the outcome written back (completion
 * batched, retry or failure at once). Every write names the claim, so the outcome of a run whose
 * lease was lost changes nothing.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final long MAX_WRITE_BACKOFF_MILLIS = 1_000;

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

    void run(DeliveryTask task, Worker worker) {
        task.leaveQueue();
        ClaimedEntry entry = task.entry();
        long margin = context.config().heartbeatInterval().toNanos();
        if (!task.mayStart(System.nanoTime(), margin)) {
            dropStale(task);
            return;
        }
        worker.hold(entry);
        if (!entry.isReadable()) {
            failUnreadable(entry);
        } else if (entry.isExhausted()) {
            finishExhausted(entry);
        } else {
            attempt(task, worker);
        }
    }

    @SuppressWarnings("unchecked")
    private EventHandler<DomainEvent> handlerOf(ClaimedEntry entry) {
        return (EventHandler<DomainEvent>) context.handlers().byName(entry.handlerName());
    }

    private void attempt(DeliveryTask task, Worker worker) {
        ClaimedEntry entry = task.entry();
        EventHandler<DomainEvent> handler = handlerOf(entry);
        boolean observed = !context.listeners().isEmpty();
        boolean intercepted = !context.interceptors().isEmpty();
        Duration waited =
                (observed && context.listeners().readsDurations()) || intercepted ? sinceEnqueue(entry) : null;
        try (EventContext.Scope ignored =
                        EventContext.open(entry.id(), entry.handlerName(), entry.attempt(), entry.credentials());
                DeliveryMdc.Scope mdc = DeliveryMdc.put(entry.eventId(), entry.handlerName())) {
            EventQueueInterceptor.DeliveryScope scope = intercepted
                    ? context.interceptors().onDelivery(entry, waited)
                    : EventQueueInterceptor.DeliveryScope.NONE;
            DeliveryOutcome outcome = DeliveryOutcome.FAILED;
            Exception failure = null;
            try {
                if (observed) {
                    context.listeners().started(entry, waited);
                }
                HandlerCall call =
                        new HandlerCall(task, worker, context.handlers().timeoutOf(entry.handlerName()));
                worker.call(call);
                TransactionalCompletion store = transactionalStore(handler);
                boolean completedInStore = false;
                if (store == null) {
                    failure = callHandler(handler, entry);
                } else {
                    try {
                        // The store runs the call in its transaction and completes the entry in it too.
                        completedInStore = store.callAndComplete(
                                entry.ref(), context.clock().instant(), () -> {
                                    Exception error = callHandler(handler, entry);
                                    if (error != null) {
                                        throw error;
                                    }
                                });
                    } catch (Exception e) {
                        failure = e;
                    }
                }
                int state = call.finish();
                worker.call(null);
                // Cleared here, so an interrupt (the watchdog's, stop()'s, or one the handler left set)
                // cannot cut short the store calls that write the outcome.
                boolean interrupted = Thread.interrupted();
                if (state == HandlerCall.ABANDONED) {
                    outcome = DeliveryOutcome.ABANDONED;
                    LOG.warn(
                            "Handler {} returned on event {} after its call was abandoned; its outcome was already "
                                    + "written and this run's result is dropped",
                            entry.handlerName(),
                            entry.eventId());
                    return;
                }
                if (state == HandlerCall.TIMED_OUT) {
                    failure = new HandlerTimeoutException(entry.handlerName(), call.timeout(), failure);
                }
                long tookNanos = System.nanoTime() - call.startedAtNanos();
                // Observers hear of an outcome before the store shows it, so whoever sees the new state
                // (stats, a retry already running) has seen the outcome too.
                if (failure == null && store != null) {
                    outcome = completedInStore ? DeliveryOutcome.COMPLETED : DeliveryOutcome.ABANDONED;
                    transactionFinished(entry, completedInStore, tookNanos, observed);
                } else if (failure == null) {
                    outcome = DeliveryOutcome.COMPLETED;
                    if (observed) {
                        context.listeners().completed(entry, observedDuration(tookNanos), false);
                    }
                    completions.add(entry);
                } else {
                    boolean shutdown = context.isStopping() && (interrupted || causedByInterrupt(failure));
                    outcome = attemptFailed(handler, entry, failure, Duration.ofNanos(tookNanos), shutdown);
                }
            } finally {
                if (scope != EventQueueInterceptor.DeliveryScope.NONE) {
                    Interceptors.endQuietly(scope, outcome, failure);
                }
            }
        }
    }

    /** A call's duration for the observers, or {@code null} when none of them reads it. */
    private Duration observedDuration(long nanos) {
        return context.listeners().readsDurations() ? Duration.ofNanos(nanos) : null;
    }

    /** The store that runs this handler's calls in its own transactions, or {@code null}. */
    private TransactionalCompletion transactionalStore(EventHandler<DomainEvent> handler) {
        return context.repository() instanceof TransactionalCompletion store && store.runsInTransaction(handler)
                ? store
                : null;
    }

    /** A call whose transaction ended: committed with its completion, or rolled back for a lost claim. */
    private void transactionFinished(ClaimedEntry entry, boolean committed, long tookNanos, boolean observed) {
        if (!committed) {
            warnLeaseLost(entry);
            return;
        }
        if (observed) {
            context.listeners().completed(entry, observedDuration(tookNanos), true);
        }
        if (handlerOf(entry).isOrderedByAggregate()) {
            completions.wakeLoops(); // its aggregate's next entry may be claimable now
        }
    }

    /**
     * The outcome of a call the watchdog abandoned, run on another worker: a failed attempt whose
     * error names the timeout.
     */
    Runnable afterAbandoned(HandlerCall call) {
        return () -> {
            ClaimedEntry entry = call.task().entry();
            EventHandler<DomainEvent> handler = handlerOf(entry);
            try (EventContext.Scope ignored =
                    EventContext.open(entry.id(), entry.handlerName(), entry.attempt(), entry.credentials())) {
                attemptFailed(
                        handler,
                        entry,
                        new HandlerTimeoutException(entry.handlerName(), call.timeout(), null),
                        Duration.ofNanos(System.nanoTime() - call.startedAtNanos()),
                        false);
            }
        };
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

    /**
     * A failed attempt: retried while attempts remain, retries are on and the handler calls the
     * failure retryable; otherwise final, with {@code onFailure} run once on this thread. An attempt
     * cut short by shutdown counts too, and is retried at once.
     */
    private DeliveryOutcome attemptFailed(
            EventHandler<DomainEvent> handler,
            ClaimedEntry entry,
            Exception failure,
            Duration took,
            boolean cutShortByShutdown) {
        String error = context.errorText().of(failure);
        if (context.config().retriesEnabled() && !entry.isLastAttempt() && isRetryable(handler, entry, failure)) {
            Duration delay = cutShortByShutdown ? Duration.ZERO : retryDelay(handler, entry);
            Instant nextRetryAt = context.clock().instant().plus(delay);
            LOG.debug(
                    "Handler {} failed attempt {}/{} of event {}; retry at {}",
                    entry.handlerName(),
                    entry.attempt(),
                    entry.maxAttempts(),
                    entry.eventId(),
                    nextRetryAt);
            context.listeners().retryScheduled(entry, took, failure, error, nextRetryAt);
            boolean held = writeOutcome(() -> context.repository()
                    .reschedule(entry.ref(), nextRetryAt, error, context.clock().instant()));
            if (held) {
                // This node knows the retry's due time: its loop wakes then instead of at its next poll.
                context.dueTimes().expect(Loop.of(handler.isBackground()), nextRetryAt);
            } else {
                warnLeaseLost(entry);
            }
            return DeliveryOutcome.RETRY_SCHEDULED;
        }
        LOG.warn(
                "Handler {} failed event {} ({}) on attempt {}/{}, giving up: {}",
                entry.handlerName(),
                entry.eventId(),
                entry.eventType(),
                entry.attempt(),
                entry.maxAttempts(),
                error);
        failFinally(handler, entry, failure, error, took, entry.attempt());
        return DeliveryOutcome.FAILED;
    }

    /** The handler's own backoff when it has one, else the dispatcher's policy on its retry delay. */
    private Duration retryDelay(EventHandler<DomainEvent> handler, ClaimedEntry entry) {
        try {
            Backoff own = handler.getRetryBackoff();
            if (own != null) {
                Duration delay = own.delayAfter(entry.attempt());
                if (delay != null && !delay.isNegative()) {
                    return delay;
                }
                LOG.warn(
                        "Backoff of handler {} gave {} after attempt {}; retrying at once",
                        entry.handlerName(),
                        delay,
                        entry.attempt());
                return Duration.ZERO;
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Backoff of handler {} threw after attempt {}; using its retry delay: {}",
                    entry.handlerName(),
                    entry.attempt(),
                    e.toString());
        }
        return context.retryPolicy().delayAfter(entry.attempt(), handler.getRetryDelay());
    }

    private boolean isRetryable(EventHandler<DomainEvent> handler, ClaimedEntry entry, Exception failure) {
        try {
            return handler.isRetryable(failure);
        } catch (RuntimeException e) {
            LOG.warn(
                    "isRetryable of handler {} threw for event {}; the failure is retried: {}",
                    entry.handlerName(),
                    entry.eventId(),
                    context.errorText().of(e));
            return true;
        }
    }

    /** Marks the entry failed and, when this claim still held it, runs {@code onFailure} once. */
    private void failFinally(
            EventHandler<DomainEvent> handler,
            ClaimedEntry entry,
            Exception failure,
            String error,
            Duration took,
            int attemptNumber) {
        context.listeners().failed(entry, took, failure, error);
        boolean held = writeOutcome(() -> writeFailure(handler, entry, error));
        if (!held) {
            warnLeaseLost(entry); // onFailure belongs to the worker that holds the entry
            return;
        }
        try {
            handler.deliveryFailed(entry.event(), failure, attemptNumber);
        } catch (RuntimeException e) {
            LOG.warn(
                    "onFailure of handler {} threw for event {}: {}",
                    entry.handlerName(),
                    entry.eventId(),
                    context.errorText().of(e));
        }
    }

    /**
     * An entry whose last attempt was lost with its worker: nothing runs again; the failure is
     * made final here, where the handler and the event are at hand, and {@code onFailure} runs once.
     */
    private void finishExhausted(ClaimedEntry entry) {
        EventHandler<DomainEvent> handler = handlerOf(entry);
        String error = entry.previousError() != null
                ? entry.previousError()
                : "No attempts left after attempt " + entry.maxAttempts() + " was lost";
        LOG.warn(
                "Entry {} of event {} ({}) for handler {} used up its attempts with a lost worker; failing it: {}",
                entry.id(),
                entry.eventId(),
                entry.eventType(),
                entry.handlerName(),
                error);
        try (EventContext.Scope ignored =
                EventContext.open(entry.id(), entry.handlerName(), entry.maxAttempts(), entry.credentials())) {
            failFinally(handler, entry, new WorkerLostException(error), error, Duration.ZERO, entry.maxAttempts());
        }
    }

    private void failUnreadable(ClaimedEntry entry) {
        String error = QueueEntry.UNREADABLE_ERROR_PREFIX + entry.payloadError();
        LOG.error(
                "Entry {} of event {} ({}) for handler {} failed without retries: {}",
                entry.id(),
                entry.eventId(),
                entry.eventType(),
                entry.handlerName(),
                error);
        context.listeners().failed(entry, Duration.ZERO, new IllegalStateException(error), error);
        if (!writeOutcome(() -> writeFailure(handlerOf(entry), entry, error))) {
            warnLeaseLost(entry);
        }
    }

    /**
     * Marks the entry failed for good; an ordered handler's policy decides whether the entry keeps
     * its aggregate blocked or is parked.
     */
    private boolean writeFailure(EventHandler<DomainEvent> handler, ClaimedEntry entry, String error) {
        Instant now = context.clock().instant();
        if (handler != null
                && handler.isOrderedByAggregate()
                && handler.getOrderingFailurePolicy() == OrderingFailurePolicy.PARK) {
            return context.repository().park(entry.ref(), error, now);
        }
        return context.repository().fail(entry.ref(), error, now);
    }

    /** A claimed entry whose lease may have lapsed before it started: it must not run; give it back. */
    private void dropStale(DeliveryTask task) {
        ClaimedEntry entry = task.entry();
        LOG.warn(
                "Entry {} (handler {}, event {}) was not started: its lease may have lapsed while it waited "
                        + "(a long pause of this process, or a lost store); it returns to the queue",
                entry.id(),
                entry.handlerName(),
                entry.eventId());
        try {
            context.repository().release(List.of(entry.ref()), context.clock().instant());
        } catch (RuntimeException e) {
            LOG.debug(
                    "Could not release entry {} ({}); its lease will expire",
                    entry.id(),
                    SecretMasking.mask(e.toString()));
        }
    }

    /** Whether the failure came from an interrupt (stop() interrupts calls after the shutdown timeout). */
    private static boolean causedByInterrupt(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private void warnLeaseLost(ClaimedEntry entry) {
        LOG.warn(
                "The claim on entry {} (handler {}, event {}) was lost before its outcome was written (its lease "
                        + "expired and the entry was recovered or claimed again); this run's outcome is dropped",
                entry.id(),
                entry.handlerName(),
                entry.eventId());
    }

    /**
     * Writes a retry or failure, trying again while the store is unreachable so that the entry is
     * not left processing while its lease is renewed.
     */
    private boolean writeOutcome(BooleanSupplier write) {
        long backoffMillis = 50;
        while (true) {
            try {
                boolean held = write.getAsBoolean();
                context.outages().succeeded();
                return held;
            } catch (RuntimeException e) {
                context.outages().failed();
                if (context.isStopping()) {
                    LOG.warn(
                            "Could not write an outcome while stopping ({}); the lease will expire and the entry "
                                    + "will be retried",
                            SecretMasking.mask(e.toString()));
                    return false;
                }
                LOG.warn(
                        "Could not write an outcome, retrying in {} ms: {}",
                        backoffMillis,
                        SecretMasking.mask(e.toString()));
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_WRITE_BACKOFF_MILLIS);
            }
        }
    }

    /** Carries an {@link Error} thrown by a handler as an attempt failure. */
    static final class HandlerError extends Exception {
        private static final long serialVersionUID = 1L;

        HandlerError(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
