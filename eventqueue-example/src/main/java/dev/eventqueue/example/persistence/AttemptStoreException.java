package dev.eventqueue.example.persistence;

/** The attempts table could not be read or written; the cause is the driver's exception. */
public final class AttemptStoreException extends RuntimeException {

    public AttemptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
