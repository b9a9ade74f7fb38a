package dev.eventqueue.dashboard;

import java.util.Objects;

/**
 * Who sends a request, as the server that received it established: a name for the audit trail, and
 * whether they may change the queue (retry, purge) or only look.
 *
 * @param name     who it is, for the audit trail and the log (a user name, or how the token was given)
 * @param operator whether actions are allowed
 */
public record Caller(String name, boolean operator) {

    public Caller {
        Objects.requireNonNull(name, "name");
    }

    /** Someone who may only look. */
    public static Caller readOnly(String name) {
        return new Caller(name, false);
    }

    /** Someone who may act. */
    public static Caller operator(String name) {
        return new Caller(name, true);
    }
}
