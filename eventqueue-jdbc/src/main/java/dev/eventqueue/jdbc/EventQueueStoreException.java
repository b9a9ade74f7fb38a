package dev.eventqueue.jdbc;

/**
 * A database operation of the JDBC event queue or audit log failed: the database is unreachable,
 * the table is missing, or a statement was rejected. The message names the operation, the table
 * and the database URL (never a password); the cause is the driver's {@link java.sql.SQLException}.
 *
 * <p>The dispatcher treats it like any store failure: its loops back off and try again, so a
 * database that comes back is picked up without a restart.
 */
public class EventQueueStoreException extends RuntimeException {

    public EventQueueStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
