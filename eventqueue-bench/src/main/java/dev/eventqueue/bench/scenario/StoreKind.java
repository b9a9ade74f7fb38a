package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.harness.RowLabels;
import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.InMemoryStore;
import dev.eventqueue.bench.store.JdbcStore;
import dev.eventqueue.bench.store.NatsServers;
import dev.eventqueue.bench.store.NatsStore;
import dev.eventqueue.bench.store.QueueStore;

/**
 * In memory, one of the databases, or the JetStream store on NATS servers; makes a fresh store per
 * run. {@code deleteCompleted}: a database or JetStream store whose completions delete the entries;
 * {@code vacuumOff}: a PostgreSQL store that does not vacuum its own table.
 */
public record StoreKind(Database database, NatsServers nats, boolean deleteCompleted, boolean vacuumOff) {

    public static final StoreKind IN_MEMORY = new StoreKind(null, null, false, false);

    public static StoreKind of(Database database) {
        return new StoreKind(database, null, false, false);
    }

    /** A database store whose completions delete the entries instead of keeping them. */
    public static StoreKind deletingCompleted(Database database) {
        return new StoreKind(database, null, true, false);
    }

    /** A database store with {@code vacuumAfter(0)}: its table is vacuumed only by the server, if at all. */
    public static StoreKind notVacuuming(Database database) {
        return new StoreKind(database, null, false, true);
    }

    public static StoreKind of(NatsServers nats) {
        return new StoreKind(null, nats, false, false);
    }

    /** A JetStream store whose completions delete the entries' keys instead of keeping them. */
    public static StoreKind deletingCompleted(NatsServers nats) {
        return new StoreKind(null, nats, true, false);
    }

    public String label() {
        if (nats != null) {
            return deleteCompleted ? RowLabels.completedDeleted(nats.label()) : nats.label();
        }
        if (database == null) {
            return "in-memory";
        }
        if (vacuumOff) {
            return RowLabels.vacuumOff(database.label());
        }
        return deleteCompleted ? RowLabels.completedDeleted(database.label()) : database.label();
    }

    /**
     * The label of the store's database, by which its raw reference row is known (deleting
     * completed entries or not); {@code null} in memory and on NATS servers, which have none.
     */
    public String rawReference() {
        return database == null || nats != null ? null : database.label();
    }

    QueueStore open(String purpose) {
        if (nats != null) {
            return new NatsStore(nats, purpose, !deleteCompleted);
        }
        return database == null ? new InMemoryStore() : new JdbcStore(database, purpose, !deleteCompleted, !vacuumOff);
    }
}
