package dev.eventqueue.example.demo;

import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.persistence.AttemptRepository;
import dev.eventqueue.example.persistence.JdbcAttemptRepository;
import dev.eventqueue.example.store.DatabaseSettings;
import dev.eventqueue.example.store.JdbcStore;
import dev.eventqueue.queue.EventQueueRepository;
import java.time.Clock;

/** The default: queue, audit trail and attempts in one database, which outlives the process. */
final class DatabaseBackend implements DemoBackend {

    // Beyond the workers: the two loops, the housekeeper, the publishing thread and PostgreSQL's listener.
    private static final int EXTRA_CONNECTIONS = 6;

    private final JdbcStore store;

    private DatabaseBackend(JdbcStore store) {
        this.store = store;
    }

    /** Connects and creates the queue, audit and attempts tables when missing. */
    static DatabaseBackend open(DatabaseSettings settings, int workers) {
        JdbcStore store = JdbcStore.openCreating(settings, workers + EXTRA_CONNECTIONS);
        try {
            JdbcAttemptRepository.createTableIfMissing(store.dataSource(), settings.attemptsTable());
            return new DatabaseBackend(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public String description() {
        DatabaseSettings settings = store.settings();
        return settings.productName() + " " + settings.maskedUrl() + " (tables " + settings.queueTable() + ", "
                + settings.auditTable() + ", " + settings.attemptsTable() + ")";
    }

    @Override
    public EventQueueRepository queueRepository() {
        return store.queueRepository();
    }

    @Override
    public AuditLog auditLog() {
        return store.auditLog();
    }

    @Override
    public AttemptRepository attempts(EventPublisher publisher) {
        return new JdbcAttemptRepository(
                store.dataSource(), store.settings().attemptsTable(), publisher, Clock.systemUTC());
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public void close() {
        store.close();
    }
}
