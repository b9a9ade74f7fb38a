package dev.eventqueue;

import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.NodeHeartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pending entries whose handler no running dispatcher has (renamed or removed handlers): they
 * would wait for ever. Known only while at least one dispatcher runs: with none, every pending
 * entry waits for the next start, and none is called an orphan.
 *
 * @param runningNodes    how many dispatchers count as running
 * @param runningHandlers the handlers they run, all together
 * @param byHandler       orphaned pending entries per handler name
 */
public record Orphans(int runningNodes, Set<String> runningHandlers, Map<String, Long> byHandler) {

    public Orphans {
        runningHandlers = Set.copyOf(new TreeSet<>(runningHandlers));
        byHandler = Map.copyOf(byHandler);
    }

    /** Reads the running dispatchers and the pending entries per handler from the store. */
    public static Orphans find(EventQueueRepository repository, Instant now) {
        List<NodeHeartbeat> nodes = repository.nodesAliveAt(now);
        Set<String> running = new TreeSet<>();
        nodes.forEach(node -> running.addAll(node.handlers()));
        Map<String, Long> orphaned = new TreeMap<>();
        if (!nodes.isEmpty()) {
            repository.countByHandler(EntryStatus.PENDING).forEach((handler, count) -> {
                if (!running.contains(handler)) {
                    orphaned.put(handler, count);
                }
            });
        }
        return new Orphans(nodes.size(), running, orphaned);
    }

    /** Whether any dispatcher runs, so that orphans can be told from entries waiting for a start. */
    public boolean known() {
        return runningNodes > 0;
    }

    /** How many orphaned entries there are in all. */
    public long total() {
        return byHandler.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The handler names of the orphans, sorted. */
    public Set<String> handlers() {
        return new TreeSet<>(byHandler.keySet());
    }
}
