package dev.eventqueue.dispatch;

import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.queue.Loop;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-handler concurrency caps of one node ({@link EventHandler#getMaxConcurrency()}). A
 * capped handler's entries are claimed only while fewer than its cap are held by this node
 * (waiting for a worker or running), so that no more than the cap ever run at once here. Other
 * nodes keep their own count: the cap is per node.
 */
final class HandlerCaps {

    private final Map<String, Cap> caps = new HashMap<>();

    HandlerCaps(Collection<? extends EventHandler<?>> handlers) {
        for (EventHandler<?> handler : handlers) {
            int limit = handler.getMaxConcurrency();
            if (limit > 0) {
                caps.put(handler.getName(), new Cap(limit, Loop.of(handler.isBackground())));
            }
        }
    }

    /** The capped handlers among {@code names}. */
    Set<String> cappedAmong(Set<String> names) {
        Set<String> capped = new HashSet<>(names);
        capped.retainAll(caps.keySet());
        return capped;
    }

    /** How many more entries of a capped handler this node may hold now. */
    int free(String handlerName) {
        Cap cap = caps.get(handlerName);
        return cap == null ? Integer.MAX_VALUE : Math.max(0, cap.limit - cap.held.get());
    }

    /** This node claimed {@code count} entries of the handler. */
    void claimed(String handlerName, int count) {
        Cap cap = caps.get(handlerName);
        if (cap != null) {
            cap.held.addAndGet(count);
        }
    }

    /**
     * An entry of the handler finished or was given back. When that frees the handler's last slot,
     * its loop is woken, so that a capped backlog does not wait for the next poll.
     */
    void finished(String handlerName, DueTimes dueTimes) {
        Cap cap = caps.get(handlerName);
        if (cap != null && cap.held.getAndDecrement() == cap.limit) {
            dueTimes.expect(cap.loop, null);
        }
    }

    boolean isCapped(String handlerName) {
        return caps.containsKey(handlerName);
    }

    private static final class Cap {
        final int limit;
        final Loop loop;
        final AtomicInteger held = new AtomicInteger();

        Cap(int limit, Loop loop) {
            this.limit = limit;
            this.loop = loop;
        }
    }
}
