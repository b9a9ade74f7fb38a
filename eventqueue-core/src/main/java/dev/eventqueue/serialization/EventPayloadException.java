package dev.eventqueue.serialization;

/** A stored event could not be read: its type is not known here, or its payload is broken. */
public class EventPayloadException extends RuntimeException {

    public EventPayloadException(String message) {
        super(message);
    }

    public EventPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
