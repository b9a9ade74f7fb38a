package dev.eventqueue.jdbc;

import dev.eventqueue.queue.WakeUpSubscription;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups for dispatchers on this store: subscribers of this repository instance are called
 * after every visible enqueue of foreground entries; with a channel (PostgreSQL, see
 * {@link SqlDialect#wakeUps}) the enqueue also sends a NOTIFY in its statement, which a listener
 * thread turns into calls on every node.
 */
final class WakeUps {

    private static final Logger LOG = LoggerFactory.getLogger(WakeUps.class);

    private final CopyOnWriteArrayList<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final String channel;
    private final PgNotificationListener listener;

    /**
     * @param channel the NOTIFY channel, or {@code null} when this store cannot notify other nodes
     */
    WakeUps(String channel, JdbcConnectionProvider connections, String description) {
        this.channel = channel;
        this.listener =
                channel == null ? null : new PgNotificationListener(connections, channel, this::wakeLocal, description);
    }

    /** Channel name derived from the table name: lower case, at most 63 characters (PostgreSQL's limit). */
    static String channelFor(TableName table) {
        String channel = "eventqueue_" + table.qualified().replace('.', '_').toLowerCase(java.util.Locale.ROOT);
        if (channel.length() > 63) {
            channel = channel.substring(0, 54) + "_" + Integer.toHexString(channel.hashCode());
        }
        return channel;
    }

    String channel() {
        return channel;
    }

    WakeUpSubscription subscribe(Runnable subscriber) {
        subscribers.add(subscriber);
        if (listener != null) {
            listener.start();
        }
        return () -> {
            if (subscribers.remove(subscriber) && subscribers.isEmpty() && listener != null) {
                listener.stopIfIdle(subscribers::isEmpty);
            }
        };
    }

    void wakeLocal() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                LOG.warn("A wake-up subscriber failed: {}", e.toString());
            }
        }
    }

    void close() {
        subscribers.clear();
        if (listener != null) {
            listener.stopIfIdle(() -> true);
        }
    }
}
