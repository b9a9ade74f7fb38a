package dev.eventqueue.nats.outbox;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.DataSourceConnectionProvider;
import dev.eventqueue.jdbc.EventQueueStoreException;
import dev.eventqueue.jdbc.JdbcConnectionProvider;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.JdbcTransactions;
import dev.eventqueue.nats.NatsStoreException;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.queue.StoredEntry;
import dev.eventqueue.queue.WakeUpSubscription;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A queue in another store (typically {@code NatsEventQueueRepository}) whose publishes join the
 * application's database transaction, through an outbox table.
 *
 * <p>A publish on a thread with a transaction bound for the outbox's {@code DataSource} (see
 * {@link JdbcTransactions}, or the connection provider given to the builder) writes its entries to
 * the outbox table in that transaction: they commit or roll back with the business change. A
 * publish without one goes straight to the target store. Everything else (claims, completions,
 * queries, wake-ups) is the target store's, except that {@link #countByStatus()} and
 * {@link #oldestDueSince(Instant)} count the entries still in the outbox as pending, and
 * {@link #stoppedThreads()} names a relay that stopped, so that the dispatcher's stats and health
 * see them.
 *
 * <p>While a dispatcher on this store runs, a relay on this node forwards committed outbox entries
 * to the target and deletes them from the outbox; a commit on this node wakes it at once. Relays
 * of any number of nodes may share one outbox: they claim its rows with the outbox store's
 * {@code SKIP LOCKED} claims and leases, so no two forward a row at once. A relay that dies after
 * forwarding and before deleting leaves its rows to the others once their lease lapses; they are
 * forwarded again and the target drops them, since it never enqueues an event's entry for a
 * handler twice. See {@code docs/SCALING.md}, "Transactions through the outbox".
 *
 * <p>Thread-safe. {@link #close()} stops the relay and closes the outbox store; the target store
 * and the data source stay the caller's.
 */
public final class NatsOutboxRepository extends ForwardingEventQueueRepository implements AutoCloseable {

    /** The outbox table unless {@link Builder#tableName(String)} says otherwise. */
    public static final String DEFAULT_TABLE = "event_outbox";

    private final JdbcEventQueueRepository outbox;
    private final JdbcConnectionProvider connections;
    private final OutboxRelay relay;
    private final boolean ownsTarget;

    private NatsOutboxRepository(
            EventQueueRepository target,
            JdbcEventQueueRepository outbox,
            JdbcConnectionProvider connections,
            RelaySettings settings,
            boolean ownsTarget,
            UnaryOperator<OutboxRelay.Pass> passes) {
        super(target);
        this.outbox = outbox;
        this.connections = connections;
        this.ownsTarget = ownsTarget;
        String owner = "outbox-relay:" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
        this.relay = new OutboxRelay(passes.apply(new RelayPass(outbox, target, settings, owner)), settings);
    }

    /**
     * An outbox in front of {@code target}, in a table on {@code dataSource}.
     *
     * @param target the store the events are handled from; it must drop a second entry of the same
     *     event and handler, as every {@link EventQueueRepository} does
     */
    public static Builder builder(EventQueueRepository target, DataSource dataSource) {
        return new Builder(target, dataSource);
    }

    @Override
    public void attach(RepositoryContext context) {
        super.attach(context);
        outbox.attach(context);
    }

    @Override
    public void requireReadable(Class<? extends DomainEvent> eventClass) {
        super.requireReadable(eventClass);
        outbox.requireReadable(eventClass);
    }

    /**
     * In the caller's transaction: writes the entries to the outbox table, to be forwarded after
     * commit. Otherwise: enqueues them in the target store at once.
     */
    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        if (!inCallerTransaction()) {
            return super.enqueue(entries);
        }
        int inserted =
                outbox.enqueue(entries.stream().map(OutboxEntries::toOutbox).toList());
        connections.afterCommit(relay::wake);
        return inserted;
    }

    @Override
    public void afterEnqueueVisible(Runnable action) {
        if (inCallerTransaction()) {
            connections.afterCommit(action);
        } else {
            super.afterEnqueueVisible(action);
        }
    }

    /** {@inheritDoc} The first dispatcher to subscribe starts this node's relay; the last to leave stops it. */
    @Override
    public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        WakeUpSubscription target = super.subscribeToWakeUps(listener);
        relay.acquire();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                target.close();
                relay.release();
            }
        };
    }

    /**
     * {@inheritDoc} Entries committed to the outbox and not yet in the target store count as
     * {@code pending}: they are work still to do. While a relay forwards a batch, its entries may
     * be counted twice for a moment (in the target, and in the outbox until the relay marks them
     * done), never not at all.
     */
    @Override
    public QueueCounts countByStatus() {
        QueueCounts waiting = outbox.countByStatus(); // first: an entry moving over is counted twice, not missed
        QueueCounts target = super.countByStatus();
        return new QueueCounts(
                target.pending() + waiting.pending() + waiting.processing(),
                target.processing(),
                target.completed(),
                target.failed());
    }

    /**
     * {@inheritDoc} Entries committed to the outbox and not yet in the target store are listed too,
     * as {@code pending} (they count in {@link #countEntries} and {@link #countByStatus} alike),
     * with the due time they were published with as {@code nextRetryAt}; an entry a relay is
     * forwarding right now is listed once, and may be counted twice for a moment. Both stores are
     * read up to {@code offset + limit} entries deep, and each outbox entry on the page once more by
     * its id, for its due time.
     */
    @Override
    public EntryPage findEntries(EntryFilter filter, int offset, int limit) {
        EntryPage.requireValid(offset, limit);
        int depth = (int) Math.min((long) offset + limit, Integer.MAX_VALUE);
        Optional<EntryFilter> waiting = OutboxView.outboxFilter(filter);
        // The outbox first: an entry moving over is then found in one store or both, never in neither.
        EntryPage outboxPage = waiting.isPresent()
                ? outbox.findEntries(waiting.get(), 0, depth)
                : new EntryPage(List.of(), 0, 0, depth);
        EntryPage targetPage = super.findEntries(filter, 0, depth);
        return OutboxView.merge(targetPage, outboxPage, offset, limit, outbox::findEntry);
    }

    /** {@inheritDoc} Entries still in the outbox count as {@code pending}. */
    @Override
    public long countEntries(EntryFilter filter) {
        Optional<EntryFilter> waiting = OutboxView.outboxFilter(filter);
        long inOutbox = waiting.isPresent() ? outbox.countEntries(waiting.get()) : 0;
        return inOutbox + super.countEntries(filter);
    }

    /** {@inheritDoc} An entry still in the outbox is found there, as {@code pending}. */
    @Override
    public Optional<StoredEntry> findEntry(UUID entryId) {
        Optional<StoredEntry> waiting = outbox.findEntry(entryId);
        Optional<StoredEntry> target = super.findEntry(entryId);
        return target.isPresent()
                ? target
                : waiting.filter(row -> OutboxView.isToForward(row.entry())).map(OutboxView::asPending);
    }

    /**
     * {@inheritDoc} When the filter names {@code pending}, entries still waiting in the outbox are
     * deleted there first (returned as {@code pending}, without the due time a delayed one was
     * published with), then the target's up to the limit. An entry
     * a relay is forwarding right now is left alone, like a {@code processing} entry: it reaches the
     * target store, where a later delete finds it.
     */
    @Override
    public List<QueueEntry> deleteEntries(EntryFilter filter, int limit) {
        filter.requireDeletable(); // before the outbox is touched: a refused filter deletes nothing
        List<QueueEntry> deleted = new ArrayList<>();
        if (filter.allowsStatus(EntryStatus.PENDING)) {
            EntryFilter waiting =
                    filter.toBuilder().statuses(Set.of(EntryStatus.PENDING)).build();
            for (QueueEntry row : outbox.deleteEntries(waiting, limit)) {
                deleted.add(OutboxView.asPending(row));
            }
        }
        if (deleted.size() < limit) {
            deleted.addAll(super.deleteEntries(filter, limit - deleted.size()));
        }
        return deleted;
    }

    /**
     * {@inheritDoc} With the event's entries still in the outbox, as {@code pending} and due when
     * they were published to be (each read once more by its id, for its due time).
     */
    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        List<QueueEntry> waiting = outbox.findByEventId(eventId);
        return OutboxView.union(super.findByEventId(eventId), waiting, outbox::findEntry);
    }

    /**
     * {@inheritDoc} An outbox entry waiting for a relay counts from when it was committed (or made
     * pending again), whatever its own due time: an old one means no relay forwards the outbox. Its
     * age is judged by the outbox database's clock and carried over to {@code now}.
     */
    @Override
    public Instant oldestDueSince(Instant now) {
        Instant outboxNow = outbox.clock().instant();
        Instant waiting = outbox.oldestDueSince(outboxNow);
        Instant target = super.oldestDueSince(now);
        if (waiting == null) {
            return target;
        }
        Duration age = Duration.between(waiting, outboxNow);
        Instant since = age.isNegative() ? now : now.minus(age);
        return target == null || since.isBefore(target) ? since : target;
    }

    /**
     * {@inheritDoc} Here also this node's outbox relay, as {@code outboxRelay}, when a dispatcher on
     * this store runs and the relay's thread has ended, which nothing but a stop should do.
     */
    @Override
    public Map<String, String> stoppedThreads() {
        Map<String, String> stopped = new LinkedHashMap<>(super.stoppedThreads());
        stopped.putAll(relay.stoppedThreads());
        return stopped;
    }

    /**
     * The entries in the outbox table, by status: {@code pending} ones wait for a relay,
     * {@code processing} ones are being forwarded. Both are zero when everything committed has
     * reached the target store.
     */
    public QueueCounts outboxCounts() {
        return outbox.countByStatus();
    }

    /** The outbox table's name. */
    public String outboxTable() {
        return outbox.tableName();
    }

    /**
     * Stops this node's relay (after the batch it is forwarding) and closes the outbox store, and the
     * target store too when this outbox owns it ({@link Builder#ownsTarget(boolean)}), even when
     * closing the outbox failed.
     *
     * @throws EventQueueStoreException when the outbox store could not be closed
     * @throws NatsStoreException when the target store could not be closed (its own
     *     {@code NatsStoreException} as is, any other failure as the cause of one)
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            relay.shutdown();
            outbox.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (ownsTarget && getDelegate() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                NatsStoreException target = e instanceof NatsStoreException nats
                        ? nats
                        : new NatsStoreException("Could not close the target store: " + e.getMessage(), e);
                if (failure == null) {
                    failure = target;
                } else {
                    failure.addSuppressed(target);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "NatsOutboxRepository[outbox " + outbox + " in front of " + getDelegate() + "]";
    }

    private boolean inCallerTransaction() {
        try {
            return connections.transactionConnection() != null;
        } catch (SQLException e) {
            throw new EventQueueStoreException("Could not tell whether a transaction is bound: " + e.getMessage(), e);
        }
    }

    /**
     * Configures an outbox. Defaults: table {@value #DEFAULT_TABLE}, connections from the data source
     * joining {@link JdbcTransactions}, no schema creation, relay batches of 100, a poll every
     * second, 30-second leases.
     */
    public static final class Builder {
        private final EventQueueRepository target;
        private final DataSource dataSource;
        /**
         * The outbox store's table and schema creation, checked as the JDBC store checks them; the
         * local relay is woken by the commit itself, so no other node needs to hear of it.
         */
        private final JdbcEventQueueRepository.Builder outbox;
        /** The outbox store's, and this store's too: it tells whether a publish joins a transaction. */
        private JdbcConnectionProvider connections;

        private int batchSize = RelaySettings.DEFAULT_BATCH_SIZE;
        private Duration pollInterval = RelaySettings.DEFAULT_POLL_INTERVAL;
        private Duration lease = RelaySettings.DEFAULT_LEASE;
        private boolean ownsTarget;
        private UnaryOperator<OutboxRelay.Pass> passes = UnaryOperator.identity();

        private Builder(EventQueueRepository target, DataSource dataSource) {
            this.target = Objects.requireNonNull(target, "target");
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.outbox = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(DEFAULT_TABLE)
                    .notifications(false);
        }

        /**
         * The outbox table, optionally schema-qualified; it has the JDBC queue table's schema.
         *
         * @throws IllegalArgumentException unless it is a plain SQL identifier
         */
        public Builder tableName(String tableName) {
            outbox.tableName(Objects.requireNonNull(tableName, "tableName"));
            return this;
        }

        /** How connections are obtained and caller transactions joined (a framework's transactions, say). */
        public Builder connectionProvider(JdbcConnectionProvider connections) {
            this.connections = Objects.requireNonNull(connections, "connections");
            return this;
        }

        /** Whether {@link #build()} creates the outbox table when missing (default {@code false}). */
        public Builder createSchema(boolean createSchema) {
            outbox.createSchema(createSchema);
            return this;
        }

        /** The most outbox entries a relay claims at once, per loop, 1..10,000 (default 100). */
        public Builder relayBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * How long an idle relay waits before looking again when no commit on its node woke it, and
         * how often it recovers rows of relays that died (default 1 s).
         */
        public Builder relayPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** Whether {@link NatsOutboxRepository#close()} closes the target store too (default {@code false}). */
        public Builder ownsTarget(boolean ownsTarget) {
            this.ownsTarget = ownsTarget;
            return this;
        }

        /** Wraps the relay's passes, to make them fail in tests. */
        Builder wrapRelayPass(UnaryOperator<OutboxRelay.Pass> passes) {
            this.passes = Objects.requireNonNull(passes, "passes");
            return this;
        }

        /** How long claimed outbox rows stay a relay's; at least 1 s (default 30 s). */
        public Builder relayLease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /**
         * Builds the outbox store (detecting the database) and creates its table when asked to.
         *
         * @throws IllegalArgumentException for a setting out of range or a database the JDBC store
         *     does not support
         * @throws EventQueueStoreException when the database cannot be reached
         */
        public NatsOutboxRepository build() {
            RelaySettings settings = new RelaySettings(batchSize, pollInterval, lease);
            JdbcConnectionProvider provider =
                    connections != null ? connections : new DataSourceConnectionProvider(dataSource);
            JdbcEventQueueRepository store = outbox.connectionProvider(provider).build();
            return new NatsOutboxRepository(target, store, provider, settings, ownsTarget, passes);
        }
    }
}
