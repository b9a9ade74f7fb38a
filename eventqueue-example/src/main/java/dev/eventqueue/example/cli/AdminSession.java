package dev.eventqueue.example.cli;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.EventQueueOperations;
import dev.eventqueue.example.store.DatabaseProbe;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.JdbcStore;

/**
 * An unstarted dispatcher on an existing database queue, for the admin calls (stats, health,
 * failed, retry, cleanup, audit). It runs no handlers: retried entries wait for the
 * application's dispatchers.
 */
final class AdminSession implements AutoCloseable {

    private final JdbcStore store;
    private final EventDispatcher dispatcher;

    private AdminSession(JdbcStore store, EventDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    /**
     * Connects and checks that the queue table exists; never creates anything.
     *
     * @throws dev.eventqueue.example.store.StoreUnavailableException with a one-line reason
     */
    static AdminSession open(DatabaseSettings settings, EventQueueConfig config) {
        JdbcStore store = JdbcStore.openExisting(settings, 2);
        try {
            EventDispatcher dispatcher = EventDispatcher.builder()
                    .config(config)
                    .repository(store.queueRepository())
                    .auditLog(store.auditLog())
                    .build();
            return new AdminSession(store, dispatcher);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Fails with a one-line reason unless the audit table exists. */
    void requireAuditTable() {
        DatabaseProbe.requireTable(
                store.settings().existingOnly(), store.settings().auditTable(), "--audit-table");
    }

    EventDispatcher dispatcher() {
        return dispatcher;
    }

    /** The dead-letter workflow on this queue. */
    EventQueueOperations operations() {
        return dispatcher.operations();
    }

    DatabaseSettings settings() {
        return store.settings();
    }

    @Override
    public void close() {
        dispatcher.close();
        store.close();
    }
}
