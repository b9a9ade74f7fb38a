package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The only class touching the PostgreSQL driver's API, loaded only once the driver is known to
 * be present, so the module works without it.
 */
final class PgNotifications {

    private final PGConnection connection;

    private PgNotifications(PGConnection connection) {
        this.connection = connection;
    }

    static PgNotifications of(Connection connection) throws SQLException {
        return new PgNotifications(connection.unwrap(PGConnection.class));
    }

    /** Waits up to {@code millis} for notifications; whether any arrived. */
    boolean await(int millis) throws SQLException {
        PGNotification[] received = connection.getNotifications(millis);
        return received != null && received.length > 0;
    }
}
