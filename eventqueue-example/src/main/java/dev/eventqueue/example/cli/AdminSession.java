package dev.eventqueue.example.cli;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.EventQueueOperations;
import dev.eventqueue.example.store.DatabaseProbe;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.JdbcStore;
import dev.eventqueue.example.store.NatsSettings;
import dev.eventqueue.example.store.NatsStore;
import dev.eventqueue.nats.NatsEventQueueRepository;

/**
 * An unstarted dispatcher on an existing queue (a database table or a JetStream bucket), for the
 * admin calls (stats, health, failed, retry, cleanup, audit). It runs no handlers: retried
 * entries wait for the application's dispatchers.
 */
final class AdminSession implements AutoCloseable {

    private final AutoCloseable store;
    private final EventDispatcher dispatcher;
    /** {@code null} on the JetStream store. */
    private final DatabaseSettings database;

    private final String queueName;
    private final String location;

    private AdminSession(
            AutoCloseable store,
            EventDispatcher dispatcher,
            DatabaseSettings database,
            String queueName,
            String location) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.database = database;
        this.queueName = queueName;
        this.location = location;
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
            return new AdminSession(store, dispatcher, settings, settings.queueTable(), settings.maskedUrl());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Connects to the JetStream store (whose buckets are created on first use, as every node of
     * the store does).
     *
     * @throws dev.eventqueue.example.store.StoreUnavailableException with a one-line reason naming the URL
     */
    static AdminSession open(NatsSettings settings, EventQueueConfig config) {
        NatsEventQueueRepository store = NatsStore.open(settings);
        try {
            EventDispatcher dispatcher =
                    EventDispatcher.builder().config(config).repository(store).build();
            return new AdminSession(store, dispatcher, null, settings.entriesBucket(), settings.maskedUrl());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Fails with a one-line reason unless the audit table exists (the JetStream store keeps no audit trail). */
    void requireAuditTable() {
        if (database == null) {
            throw new CliException(
                    ExitCodes.FAILURE,
                    "the JetStream store (" + location + ") keeps no audit trail; the audit command needs a "
                            + "database queue (--database-url)");
        }
        DatabaseProbe.requireTable(database.existingOnly(), database.auditTable(), "--audit-table");
    }

    EventDispatcher dispatcher() {
        return dispatcher;
    }

    /** The dead-letter workflow on this queue. */
    EventQueueOperations operations() {
        return dispatcher.operations();
    }

    /** The queue's table, or the JetStream bucket of its entries. */
    String queueName() {
        return queueName;
    }

    /** Where the queue is: the database or NATS URL, without credentials. */
    String location() {
        return location;
    }

    /** The audit trail's table; only after {@link #requireAuditTable()}. */
    String auditTable() {
        return database.auditTable();
    }

    @Override
    public void close() {
        dispatcher.close();
        try {
            store.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the store: " + e.getMessage(), e);
        }
    }
}
