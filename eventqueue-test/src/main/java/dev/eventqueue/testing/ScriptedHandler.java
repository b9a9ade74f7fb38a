package dev.eventqueue.testing;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.Backoff;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A handler whose settings and behaviour a test chooses, recording every hook call with the
 * {@link EventContext} seen on the handler's thread. Configure it before publishing.
 */
public final class ScriptedHandler extends EventHandlerBase<DomainEvent> {

    /** What a hook does; may throw to fail the attempt. */
    @FunctionalInterface
    public interface Action {
        void run(DomainEvent event, EventContext context) throws Exception;
    }

    /**
     * One hook call as seen on the handler's thread.
     *
     * @param attempt       {@code EventContext.current().getAttempt()}
     * @param failedAttempt for "failure": the {@code attemptNumber} passed to {@code onFailure}, else 0
     * @param error         for "failure": the error's message
     * @param failure       for "failure": the error itself
     */
    public record Call(
            String hook,
            UUID eventId,
            String eventType,
            int attempt,
            UUID entryId,
            String handlerName,
            Credentials credentials,
            int failedAttempt,
            String error,
            String thread,
            Exception failure) {}

    private final String name;
    private Set<String> types;
    private int priority = 100;
    private boolean background;
    private int maxRetries = 3;
    private Duration retryDelay = Duration.ZERO;
    private Duration timeout;
    private Backoff backoff;
    private int maxConcurrency;
    private Predicate<Exception> retryable = error -> true;
    private volatile Action before = (e, c) -> {};
    private volatile Action action = (e, c) -> {};
    private volatile Action after = (e, c) -> {};
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private ScriptedHandler(String name) {
        this.name = name;
    }

    /** A foreground handler for every event, priority 100, 3 retries without delay. */
    public static ScriptedHandler named(String name) {
        return new ScriptedHandler("test." + name);
    }

    public ScriptedHandler types(String... eventTypes) {
        this.types = Set.of(eventTypes);
        return this;
    }

    public ScriptedHandler priority(int priority) {
        this.priority = priority;
        return this;
    }

    public ScriptedHandler background() {
        this.background = true;
        return this;
    }

    public ScriptedHandler maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    public ScriptedHandler retryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
        return this;
    }

    /** A backoff of its own; without it the dispatcher's setting applies to the retry delay. */
    public ScriptedHandler retryBackoff(Backoff backoff) {
        this.backoff = backoff;
        return this;
    }

    /** A cap on this handler's calls at once per dispatcher (none unless set). */
    public ScriptedHandler maxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
        return this;
    }

    /** A timeout of its own; without it the dispatcher's default applies. */
    public ScriptedHandler timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Which failures may be retried (all, unless set). */
    public ScriptedHandler retryable(Predicate<Exception> retryable) {
        this.retryable = retryable;
        return this;
    }

    public ScriptedHandler onBefore(Action before) {
        this.before = before;
        return this;
    }

    public ScriptedHandler onHandle(Action action) {
        this.action = action;
        return this;
    }

    public ScriptedHandler onAfter(Action after) {
        this.after = after;
        return this;
    }

    /** Every hook call so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one hook ("before", "handle", "after", "failure"). */
    public List<Call> calls(String hook) {
        return calls.stream().filter(c -> c.hook().equals(hook)).toList();
    }

    public int handleCount() {
        return calls("handle").size();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return types == null || types.contains(event.getEventType());
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public boolean isBackground() {
        return background;
    }

    @Override
    public int getMaxRetries() {
        return maxRetries;
    }

    @Override
    public Duration getRetryDelay() {
        return retryDelay;
    }

    @Override
    public int getMaxConcurrency() {
        return maxConcurrency;
    }

    @Override
    public Backoff getRetryBackoff() {
        return backoff;
    }

    @Override
    public Duration getTimeout() {
        return timeout != null ? timeout : super.getTimeout();
    }

    @Override
    public boolean isRetryable(Exception error) {
        return retryable.test(error);
    }

    @Override
    protected void onBeforeHandle(DomainEvent event) throws Exception {
        record("before", event);
        before.run(event, EventContext.current());
    }

    @Override
    public void handle(DomainEvent event) throws Exception {
        record("handle", event);
        action.run(event, EventContext.current());
    }

    @Override
    protected void onAfterHandle(DomainEvent event) throws Exception {
        record("after", event);
        after.run(event, EventContext.current());
    }

    @Override
    protected void onFailure(DomainEvent event, Exception error, int attemptNumber) {
        EventContext context = EventContext.current();
        calls.add(new Call(
                "failure",
                event.getEventId(),
                event.getEventType(),
                context.getAttempt(),
                context.getEntryId(),
                context.getHandlerName(),
                context.getCredentials(),
                attemptNumber,
                error.getMessage(),
                Thread.currentThread().getName(),
                error));
    }

    private void record(String hook, DomainEvent event) {
        EventContext context = EventContext.current();
        calls.add(new Call(
                hook,
                event.getEventId(),
                event.getEventType(),
                context.getAttempt(),
                context.getEntryId(),
                context.getHandlerName(),
                context.getCredentials(),
                0,
                null,
                Thread.currentThread().getName(),
                null));
    }
}
