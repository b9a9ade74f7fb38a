package dev.eventqueue.handler;

/**
 * What {@code onFailure} receives when an entry's last attempt never finished: the worker running
 * it stopped or hung, its lease expired, and no attempt was left. The message is the error the
 * store recorded.
 */
public final class WorkerLostException extends Exception {

    private static final long serialVersionUID = 1L;

    public WorkerLostException(String message) {
        super(message);
    }
}
