package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.InMemoryStore;
import dev.eventqueue.bench.store.JdbcStore;
import dev.eventqueue.bench.store.QueueStore;

/** In memory or one of the databases; makes a fresh store per run. */
public record StoreKind(Database database) {

    public static final StoreKind IN_MEMORY = new StoreKind(null);

    public static StoreKind of(Database database) {
        return new StoreKind(database);
    }

    public String label() {
        return database == null ? "in-memory" : database.label();
    }

    QueueStore open(String purpose) {
        return database == null ? new InMemoryStore() : new JdbcStore(database, purpose);
    }
}
