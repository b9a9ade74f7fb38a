package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.store.QueueStore;
import dev.eventqueue.queue.EventQueueRepository;

/** A store reused across runs: closing it after one run does nothing; its owner closes it at the end. */
record Unclosable(QueueStore store) implements QueueStore {

    @Override
    public String label() {
        return store.label();
    }

    @Override
    public EventQueueRepository newNode() {
        return store.newNode();
    }

    @Override
    public boolean settled() {
        return store.settled();
    }

    @Override
    public void closeNodes() {
        store.closeNodes();
    }

    @Override
    public void close() {}
}
