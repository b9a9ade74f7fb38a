package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per repository that LISTENs on the queue's channel over a dedicated connection and
 * wakes the local dispatchers whenever any node enqueues. A broken connection is replaced with
 * backoff; after reconnecting it wakes the dispatchers once, since notifications sent meanwhile
 * are lost. Runs only while someone is subscribed, and only with the PostgreSQL driver present.
 */
final class PgNotificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(PgNotificationListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final JdbcConnectionProvider connections;
    private final String channel;
    private final Runnable onNotification;
    private final String description;
    private Thread thread;

    PgNotificationListener(
            JdbcConnectionProvider connections, String channel, Runnable onNotification, String description) {
        this.connections = connections;
        this.channel = channel;
        this.onNotification = onNotification;
        this.description = description;
    }

    static boolean driverPresent() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PgNotificationListener.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "eventqueue-listen-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread if {@code idle} still holds once the lock is taken (no new subscriber came). */
    void stopIfIdle(BooleanSupplier idle) {
        Thread stopping;
        synchronized (this) {
            if (thread == null || !idle.getAsBoolean()) {
                return;
            }
            stopping = thread;
            thread = null;
        }
        stopping.interrupt();
        try {
            stopping.join(POLL_MILLIS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean isCurrent() {
        return thread == Thread.currentThread();
    }

    private void run() {
        long backoff = 500;
        int failures = 0;
        boolean reconnecting = false;
        while (isCurrent()) {
            Connection connection = null;
            try {
                connection = connections.connection();
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                PgNotifications notifications = PgNotifications.of(connection);
                if (reconnecting) {
                    LOG.info("Listening for queue notifications on {} again", description);
                    onNotification.run();
                }
                failures = 0;
                backoff = 500;
                reconnecting = false;
                while (isCurrent()) {
                    if (notifications.await(POLL_MILLIS)) {
                        onNotification.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!isCurrent()) {
                    break;
                }
                failures++;
                reconnecting = true;
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warn(
                            "Lost the queue notification connection to {} ({} failure(s) in a row), reconnecting "
                                    + "in {} ms; dispatchers poll meanwhile: {}",
                            description,
                            failures,
                            backoff,
                            e.toString());
                }
                if (!pause(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                release(connection);
            }
        }
    }

    private void release(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isClosed()) {
                try (Statement unlisten = connection.createStatement()) {
                    unlisten.execute("UNLISTEN *");
                }
            }
        } catch (SQLException e) {
            LOG.debug("Could not UNLISTEN: {}", e.toString());
        }
        try {
            connections.release(connection, false);
        } catch (SQLException e) {
            LOG.debug("Could not release the notification connection: {}", e.toString());
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
