package dev.eventqueue.nats;

/** The JetStream store could not do what was asked: the server did not answer or refused. */
public final class NatsStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NatsStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
