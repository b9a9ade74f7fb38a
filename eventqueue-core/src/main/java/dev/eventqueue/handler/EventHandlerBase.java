package dev.eventqueue.handler;

import dev.eventqueue.domain.DomainEvent;
import java.time.Duration;

/**
 * Base class for handlers of one event type, with a lifecycle of hooks:
 * {@link #onBeforeHandle} → {@link #handle} → {@link #onAfterHandle} for every attempt, and
 * {@link #onFailure} once after the last attempt failed. An exception from any of the three
 * fails the attempt. {@link EventContext#current()} gives the credentials and attempt number.
 *
 * @param <E> the event type
 */
public abstract class EventHandlerBase<E extends DomainEvent> implements EventHandler<E> {

    public abstract void handle(E event) throws Exception;

    @Override
    public abstract boolean canHandle(DomainEvent event);

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public boolean isBackground() {
        return false;
    }

    @Override
    public int getMaxRetries() {
        return 3;
    }

    @Override
    public Duration getRetryDelay() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String getName() {
        return getClass().getName();
    }

    protected void onBeforeHandle(E event) throws Exception {}

    protected void onAfterHandle(E event) throws Exception {}

    /** Called once when all attempts failed; {@code attemptNumber} is the last attempt's number. */
    protected void onFailure(E event, Exception error, int attemptNumber) {}

    @Override
    public final void deliver(E event) throws Exception {
        onBeforeHandle(event);
        handle(event);
        onAfterHandle(event);
    }

    @Override
    public final void deliveryFailed(E event, Exception error, int attemptNumber) {
        onFailure(event, error, attemptNumber);
    }

    @Override
    public String toString() {
        return getName();
    }
}
