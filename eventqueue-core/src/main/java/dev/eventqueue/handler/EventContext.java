package dev.eventqueue.handler;

import dev.eventqueue.domain.Credentials;
import java.util.Objects;
import java.util.UUID;

/**
 * The delivery a handler is running for, on the handler's own thread: who published the event,
 * which attempt this is, which queue entry and handler. Available in {@code handle}, the hooks
 * and {@code onFailure}.
 */
public final class EventContext {

    private static final ThreadLocal<EventContext> CURRENT = new ThreadLocal<>();
    /**
     * Ends a context opened when none was current. Clears the value rather than removing the
     * thread's entry, which the next call on this thread would make again.
     */
    private static final Scope CLEAR = () -> CURRENT.set(null);

    private final UUID entryId;
    private final String handlerName;
    private final int attempt;
    private final Credentials credentials;

    private EventContext(UUID entryId, String handlerName, int attempt, Credentials credentials) {
        this.entryId = Objects.requireNonNull(entryId, "entryId");
        this.handlerName = Objects.requireNonNull(handlerName, "handlerName");
        this.attempt = attempt;
        this.credentials = credentials;
    }

    /**
     * The delivery being handled on this thread.
     *
     * @throws IllegalStateException when called outside a handler call
     */
    public static EventContext current() {
        EventContext context = CURRENT.get();
        if (context == null) {
            throw new IllegalStateException("EventContext.current() called outside an event handler call");
        }
        return context;
    }

    /**
     * Makes a context current on this thread until the returned scope is closed. The dispatcher
     * uses this around every handler call; tests of handlers may use it to run one directly.
     */
    public static Scope open(UUID entryId, String handlerName, int attempt, Credentials credentials) {
        EventContext previous = CURRENT.get();
        CURRENT.set(new EventContext(entryId, handlerName, attempt, credentials));
        return previous == null ? CLEAR : () -> CURRENT.set(previous);
    }

    /** The publisher's credentials, or {@code null} when published without. */
    public Credentials getCredentials() {
        return credentials;
    }

    /** 1 on the first try. */
    public int getAttempt() {
        return attempt;
    }

    public UUID getEntryId() {
        return entryId;
    }

    public String getHandlerName() {
        return handlerName;
    }

    /** Ends a context opened with {@link #open}; restores the previous one. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
