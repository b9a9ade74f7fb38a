package dev.eventqueue.example.store;

/**
 * The database cannot be used: no driver for the URL, unreachable, refused the login, or the
 * queue table is missing. The message is one line meant for the operator.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
