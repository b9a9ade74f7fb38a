package dev.eventqueue.dispatch;

import dev.eventqueue.queue.NodeHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the store, every heartbeat period, that this dispatcher runs and which handlers it has,
 * so that operators can tell orphaned entries (whose handler no running node has) from waiting
 * ones. A store that cannot keep the record (a database table missing) costs one warning; the
 * dispatcher works on without it.
 */
final class NodeAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAnnouncer.class);
    /** Missed announcements before a node stops counting as running, and a floor for short periods. */
    private static final int MISSED_PERIODS = 3;

    private static final Duration MIN_ALIVE = Duration.ofSeconds(10);

    private final RuntimeContext context;
    private final Set<String> handlers;
    private volatile boolean failing;

    NodeAnnouncer(RuntimeContext context) {
        this.context = context;
        Set<String> names = new TreeSet<>(context.handlers().names(false));
        names.addAll(context.handlers().names(true));
        this.handlers = Set.copyOf(names);
    }

    void announce() {
        Instant now = context.clock().instant();
        Duration alive = context.config().heartbeatInterval().multipliedBy(MISSED_PERIODS);
        if (alive.compareTo(MIN_ALIVE) < 0) {
            alive = MIN_ALIVE;
        }
        try {
            context.repository().recordHeartbeat(new NodeHeartbeat(context.owner(), handlers, now, now.plus(alive)));
            if (failing) {
                failing = false;
                LOG.info("Dispatcher {} is announced to the store again", context.owner());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn(
                        "Could not announce dispatcher {} and its handlers to the store, so operators cannot tell "
                                + "which handlers run (create the schema again to add the nodes table): {}",
                        context.owner(),
                        e.toString());
            } else {
                LOG.debug("Could not announce dispatcher {}: {}", context.owner(), e.toString());
            }
        }
    }

    /** Forgets this dispatcher in the store, as it stops. */
    void leave() {
        try {
            context.repository().removeNode(context.owner());
        } catch (RuntimeException e) {
            LOG.debug("Could not remove dispatcher {} from the store's nodes: {}", context.owner(), e.toString());
        }
    }
}
