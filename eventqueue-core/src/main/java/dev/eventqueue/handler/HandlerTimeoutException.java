package dev.eventqueue.handler;

import java.time.Duration;

/**
 * The failure of a handler call that ran longer than its {@link EventHandler#getTimeout()}: the
 * call was interrupted and the attempt counts as failed. Its cause is what the interrupted handler
 * threw, if it returned at all.
 */
public final class HandlerTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public HandlerTimeoutException(String handlerName, Duration timeout, Throwable cause) {
        super(
                "Handler " + handlerName + " timed out: the call ran longer than its timeout of " + timeout.toMillis()
                        + " ms and was interrupted",
                cause);
        this.timeout = timeout;
    }

    public Duration getTimeout() {
        return timeout;
    }
}
