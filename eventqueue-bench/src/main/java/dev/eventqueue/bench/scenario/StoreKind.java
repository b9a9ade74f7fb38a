package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.InMemoryStore;
import dev.eventqueue.bench.store.JdbcStore;
import dev.eventqueue.bench.store.NatsServers;
import dev.eventqueue.bench.store.NatsStore;
import dev.eventqueue.bench.store.QueueStore;

/** In memory, one of the databases, or the JetStream store on NATS servers; makes a fresh store per run. */
public record StoreKind(Database database, NatsServers nats) {

    public static final StoreKind IN_MEMORY = new StoreKind(null, null);

    public static StoreKind of(Database database) {
        return new StoreKind(database, null);
    }

    public static StoreKind of(NatsServers nats) {
        return new StoreKind(null, nats);
    }

    public String label() {
        if (nats != null) {
            return nats.label();
        }
        return database == null ? "in-memory" : database.label();
    }

    QueueStore open(String purpose) {
        if (nats != null) {
            return new NatsStore(nats, purpose);
        }
        return database == null ? new InMemoryStore() : new JdbcStore(database, purpose);
    }
}
