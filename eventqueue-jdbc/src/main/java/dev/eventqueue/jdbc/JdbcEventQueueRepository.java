package dev.eventqueue.jdbc;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.json.JacksonEventSerializer;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.NodeHeartbeat;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.queue.StoredEntry;
import dev.eventqueue.queue.TransactionalCompletion;
import dev.eventqueue.queue.WakeUpSubscription;
import dev.eventqueue.serialization.EventSerializer;
import dev.eventqueue.serialization.EventTypeNames;
import dev.eventqueue.serialization.EventTypeRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The event queue in a PostgreSQL, MariaDB/MySQL or H2 table, shared safely by any number of
 * dispatchers in any number of JVMs.
 *
 * <ul>
 *   <li>Claims are atomic: PostgreSQL claims a batch in one {@code UPDATE ... RETURNING} over
 *       {@code FOR UPDATE SKIP LOCKED}; MariaDB/MySQL lock with {@code SKIP LOCKED} and update in
 *       one short transaction; H2 does the same with a plain {@code FOR UPDATE}.</li>
 *   <li>Completion, retry, failure and release change an entry only while the caller still owns
 *       its lease.</li>
 *   <li>An enqueue joins the calling thread's transaction when one is bound (see
 *       {@link JdbcTransactions} and {@link JdbcConnectionProvider}); its entries, wake-up and
 *       audit records then follow the commit.</li>
 *   <li>On PostgreSQL (with its driver on the classpath) each enqueue sends a NOTIFY that wakes
 *       the dispatchers on every node at once; elsewhere they find new entries on their next poll.</li>
 *   <li>Events are stored as text by an {@link EventSerializer} (JSON by default); only classes the
 *       {@link EventTypeRegistry} knows are ever instantiated when reading them back.</li>
 * </ul>
 *
 * <p>While a dispatcher of this JVM runs on it, the store keeps one connection of the data source
 * for lease renewals, so that they never wait behind other work for a pooled connection; size a
 * pool with one connection more than the dispatcher's other needs. It is given back when the last
 * such dispatcher stops.
 *
 * <p>Failures surface as {@link EventQueueStoreException}. Thread-safe. {@link #close()} stops the
 * notification listener and gives back the kept connection; the data source stays the caller's.
 */
public final class JdbcEventQueueRepository implements EventQueueRepository, TransactionalCompletion, AutoCloseable {

    private final Dialect dialect;
    private final TableName table;
    private final EventTypes types;
    private final SqlRunner runner;
    private final DatabaseClock clock;
    private final boolean requireTransaction;
    private final EntryWriter writer;
    private final EntryInserts inserts;
    private final Claimer claimer;
    private final ClaimWrites claimWrites;
    private final Recovery recovery;
    private final QueueQueries queries;
    private final WakeUps wakeUps;
    private final EventSerializer serializer;
    private final EntryAdmin admin;
    private final NodeRegistry nodes;
    /** Runs transactional handlers; {@code null} when the connections come from no {@code DataSource}. */
    private final TransactionalCalls transactionalCalls;
    /** Vacuums the table after so many finished entries; {@code null} off PostgreSQL or when turned off. */
    private final TableVacuums vacuums;

    private JdbcEventQueueRepository(Builder b, Dialect dialect, EventSerializer serializer, SqlRunner runner) {
        this.dialect = dialect;
        this.table = b.table;
        this.types = new EventTypes(b.declaredTypes);
        this.serializer = serializer;
        this.runner = runner;
        this.requireTransaction = b.requireTransaction;
        SqlDialect store = SqlDialect.of(dialect);
        runner.dialect(store);
        this.clock = new DatabaseClock(runner, store);
        QueueStatements sql = new QueueStatements(store, table.qualified(), b.keepCompletedEntries);
        EntryRows rows = new EntryRows(store, serializer, types);
        this.writer = new EntryWriter(sql, rows, serializer, types);
        this.inserts = store.inserts(writer, runner);
        this.claimer = store.claimer(sql, rows);
        this.claimWrites = new ClaimWrites(sql, store, runner);
        this.recovery = new Recovery(sql, rows, runner);
        this.queries = new QueueQueries(sql, rows, runner);
        this.admin = new EntryAdmin(sql, rows, runner);
        this.nodes = new NodeRegistry(table.qualified(), store, runner);
        this.transactionalCalls = runner.connections() instanceof DataSourceConnectionProvider provider
                ? new TransactionalCalls(provider.dataSource(), sql, store)
                : null;
        this.wakeUps = store.wakeUps(table, b.notifications, runner);
        this.vacuums = dialect == Dialect.POSTGRESQL && b.vacuumAfter > 0
                ? new TableVacuums(runner, table, b.vacuumAfter)
                : null;
    }

    /** A repository on the default table {@code event_queue}, its dialect detected from the database. */
    public static JdbcEventQueueRepository create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Creates the table and its indexes unless they exist, upgrades a table of schema version 1 to
     * version 2 first, and brings the indexes of a table made by an earlier build to the current set;
     * safe to call from several nodes at once.
     */
    public void createSchemaIfMissing() {
        SchemaInstaller.apply(
                runner,
                SqlDialect.of(dialect),
                table,
                schemaScript(),
                SchemaScripts.queueTableUpgrade(dialect, table.qualified()),
                "claim_token",
                SchemaScripts.queueIndexUpgrades(dialect, table.qualified()));
    }

    /**
     * Removes the table and everything {@link #createSchemaIfMissing()} made for it (see
     * {@link SchemaScripts#queueTableDrop}); every entry in it is lost. For tests, and for taking a
     * queue out of service once no node uses it. Does nothing where the table does not exist.
     */
    public void dropSchema() {
        List<String> statements = SchemaScripts.statements(SchemaScripts.queueTableDrop(dialect, table.qualified()));
        runner.transaction("drop table " + table, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /** This table's DDL, with the index of per-aggregate order, for a migration tool. */
    public String schemaScript() {
        return SchemaScripts.queueTable(dialect, table.qualified()) + "\n"
                + SchemaScripts.orderIndex(dialect, table.qualified());
    }

    public Dialect dialect() {
        return dialect;
    }

    public String tableName() {
        return table.qualified();
    }

    /**
     * The event classes this repository can read back: the registry of the dispatcher attached to
     * it (a view over all of them when several are), empty until one attaches.
     */
    public EventTypeRegistry eventTypes() {
        return types.registry();
    }

    /** The PostgreSQL NOTIFY channel, or {@code null} when this repository does not notify. */
    public String notificationChannel() {
        return wakeUps.channel();
    }

    /** The database's clock, measured as an offset and kept fresh: see {@link EventQueueRepository#clock()}. */
    @Override
    public Clock clock() {
        return clock;
    }

    /** Reads with the dispatcher's event types; classes declared on the builder join them and are checked. */
    @Override
    public void attach(RepositoryContext context) {
        types.attach(context);
        types.declared().forEach(type -> serializer.requireReadable(type.eventClass()));
    }

    /** Asks the serializer whether it can read such events back in this build. */
    @Override
    public void requireReadable(Class<? extends DomainEvent> eventClass) {
        serializer.requireReadable(eventClass);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when this store requires a transaction (see
     *     {@link Builder#requireTransaction(boolean)}) and none is bound to the calling thread
     */
    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        if (requireTransaction && !runner.inCallerTransaction()) {
            throw new IllegalStateException("This event queue requires a transaction for every publish, and none is "
                    + "bound to this thread: publish inside JdbcTransactions.inTransaction(...) (or a Spring "
                    + "@Transactional method) on the same DataSource as the queue, so the events commit or roll back "
                    + "with your changes; nothing was enqueued");
        }
        if (entries.isEmpty()) {
            return 0;
        }
        List<String> payloads = writer.payloads(entries);
        boolean foreground = entries.stream().anyMatch(entry -> !entry.background());
        int inserted = inserts.insert(entries, payloads, foreground ? wakeUps.channel() : null);
        if (inserted > 0 && foreground) {
            runner.connections().afterCommit(wakeUps::wakeLocal);
        }
        return inserted;
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        if (request.handlerNames().isEmpty()) {
            return List.of();
        }
        List<ClaimedEntry> aged = request.agedBefore() == null ? List.of() : claim(request, true);
        if (aged.size() >= request.limit()) {
            return aged;
        }
        ClaimRequest rest = aged.isEmpty()
                ? request
                : new ClaimRequest(
                        request.now(),
                        request.limit() - aged.size(),
                        request.loop(),
                        request.handlerNames(),
                        request.owner(),
                        request.leaseUntil());
        List<ClaimedEntry> claimed = claim(rest, false);
        if (aged.isEmpty()) {
            return claimed;
        }
        List<ClaimedEntry> all = new ArrayList<>(aged.size() + claimed.size());
        all.addAll(aged);
        all.addAll(claimed);
        return all;
    }

    private List<ClaimedEntry> claim(ClaimRequest request, boolean aged) {
        return claimer.run(runner, request, aged);
    }

    @Override
    public int complete(Collection<ClaimRef> claims, Instant now) {
        return finished(claimWrites.complete(claims, now));
    }

    private int finished(int entries) {
        if (vacuums != null) {
            vacuums.finished(entries);
        }
        return entries;
    }

    /** How many times this repository vacuumed its table (PostgreSQL); see {@link Builder#vacuumAfter(int)}. */
    long vacuumCount() {
        return vacuums == null ? 0 : vacuums.completedVacuums();
    }

    boolean vacuumsTable() {
        return vacuums != null;
    }

    /** Whether the database user turned out not to have the right to vacuum the table. */
    boolean vacuumRefused() {
        return vacuums != null && vacuums.refused();
    }

    @Override
    public boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now) {
        return claimWrites.reschedule(claim, nextRetryAt, error, now, wakeUps.channel());
    }

    @Override
    public boolean fail(ClaimRef claim, String error, Instant now) {
        return claimWrites.fail(claim, error, now);
    }

    /** Whether the handler is a {@link TransactionalEventHandler} and this store has a {@code DataSource} to run it on. */
    @Override
    public boolean runsInTransaction(EventHandler<?> handler) {
        return transactionalCalls != null && handler instanceof TransactionalEventHandler;
    }

    @Override
    public boolean callAndComplete(ClaimRef claim, Instant now, Call call) throws Exception {
        if (transactionalCalls == null) {
            throw new IllegalStateException("This store gets its connections from a "
                    + runner.connections().getClass().getName()
                    + ", not a DataSource, and cannot run transactional handlers");
        }
        boolean completed = transactionalCalls.callAndComplete(claim, now, call);
        finished(completed ? 1 : 0);
        return completed;
    }

    @Override
    public boolean park(ClaimRef claim, String error, Instant now) {
        return claimWrites.fail(claim, error, now, true);
    }

    @Override
    public long countBlockedOrderingKeys() {
        return queries.countBlocked();
    }

    @Override
    public int release(Collection<ClaimRef> claims, Instant now) {
        return claimWrites.release(claims, now);
    }

    @Override
    public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
        return claims.isEmpty() ? Set.of() : claimWrites.extendLeases(claims, leaseUntil);
    }

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        return recovery.releaseExpiredLeases(now);
    }

    @Override
    public QueueCounts countByStatus() {
        return queries.countByStatus();
    }

    @Override
    public Instant nextDueAt(Set<String> handlerNames, Loop loop, Instant now) {
        return queries.nextDueAt(handlerNames, loop, now);
    }

    @Override
    public Instant oldestDueSince(Instant now) {
        return queries.oldestDueSince(now);
    }

    @Override
    public List<QueueEntry> findFailed(int limit) {
        return queries.findFailed(limit);
    }

    @Override
    public List<QueueEntry> findFailed(int limit, String errorPrefix) {
        return queries.findFailed(limit, Objects.requireNonNull(errorPrefix, "errorPrefix"));
    }

    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        return queries.findByEventId(eventId);
    }

    @Override
    public List<QueueEntry> retryFailed(int limit, Instant now) {
        return recovery.retryFailed(limit, now);
    }

    @Override
    public List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        List<QueueEntry> deleted = recovery.deleteCompletedBefore(cutoff, limit);
        finished(deleted.size());
        return deleted;
    }

    @Override
    public EntryPage findEntries(EntryFilter filter, int offset, int limit) {
        return admin.find(filter, offset, limit);
    }

    @Override
    public long countEntries(EntryFilter filter) {
        return admin.count(filter);
    }

    @Override
    public Optional<StoredEntry> findEntry(UUID entryId) {
        return admin.findEntry(entryId);
    }

    @Override
    public List<QueueEntry> retryFailed(EntryFilter filter, int limit, Instant now) {
        return admin.retryFailed(filter, limit, now, recovery);
    }

    @Override
    public List<QueueEntry> deleteEntries(EntryFilter filter, int limit) {
        return admin.delete(filter, limit);
    }

    @Override
    public Map<String, Long> countByHandler(EntryStatus status) {
        return admin.countByHandler(status);
    }

    /** {@inheritDoc} In the table {@code <queue table>_nodes}, which {@link #createSchemaIfMissing()} creates. */
    @Override
    public void recordHeartbeat(NodeHeartbeat node) {
        claimWrites.renewals().ownerRunning(node.owner());
        nodes.record(node);
    }

    @Override
    public void removeNode(String owner) {
        claimWrites.renewals().ownerLeft(owner);
        nodes.remove(owner);
    }

    @Override
    public List<NodeHeartbeat> nodesAliveAt(Instant now) {
        return nodes.aliveAt(now);
    }

    @Override
    public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        return wakeUps.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void afterEnqueueVisible(Runnable action) {
        runner.connections().afterCommit(action);
    }

    @Override
    public void ping() {
        queries.ping();
    }

    /** Stops the notification listener, if one runs. The repository must not be used afterwards for wake-ups. */
    @Override
    public void close() {
        wakeUps.close();
        claimWrites.renewals().giveBack();
        if (vacuums != null) {
            vacuums.close();
        }
    }

    @Override
    public String toString() {
        return "JdbcEventQueueRepository[" + dialect.id() + ", " + table + " at " + runner.database() + "]";
    }

    /**
     * Configures a repository. Defaults: table {@code EVENT_QUEUE_TABLE_NAME} or {@code event_queue}, dialect detected from the
     * database, {@link JacksonEventSerializer}, connections from the data source joining
     * {@link JdbcTransactions}, NOTIFY wake-ups on PostgreSQL, no schema creation.
     */
    public static final class Builder {
        /** Finished entries between two vacuums of a PostgreSQL queue table, by default. */
        public static final int DEFAULT_VACUUM_AFTER = 50_000;

        private final DataSource dataSource;
        /** {@code EVENT_QUEUE_TABLE_NAME} when the environment sets it, as the other settings are read. */
        private TableName table = TableName.of(
                EventQueueConfig.TABLE_NAME,
                EventQueueConfig.fromMap(Map.of(
                                EventQueueConfig.TABLE_NAME,
                                System.getenv().getOrDefault(EventQueueConfig.TABLE_NAME, "")))
                        .tableName());

        private Dialect dialect;
        private EventSerializer serializer;
        private JdbcConnectionProvider connections;
        private boolean createSchema;
        private boolean notifications = true;
        private boolean requireTransaction;
        private boolean keepCompletedEntries = true;
        private int vacuumAfter = DEFAULT_VACUUM_AFTER;
        private final List<EventTypes.Declared> declaredTypes = new ArrayList<>();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Takes the table name of {@code config} ({@code EVENT_QUEUE_TABLE_NAME}); the other
         * settings reach the store from the dispatcher.
         */
        public Builder config(EventQueueConfig config) {
            this.table = TableName.of(EventQueueConfig.TABLE_NAME, config.tableName());
            return this;
        }

        /**
         * The queue table, optionally schema-qualified ({@code app.event_queue}); by default
         * {@code EVENT_QUEUE_TABLE_NAME} from the environment, else {@code event_queue}.
         *
         * @throws IllegalArgumentException unless it is a plain SQL identifier (letters, digits, underscores)
         */
        public Builder tableName(String tableName) {
            this.table = TableName.of("tableName", tableName);
            return this;
        }

        /** Skips detection (no connection is opened by {@link #build()} unless the schema is created). */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        public Builder serializer(EventSerializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /** How connections are obtained and caller transactions joined; see {@link JdbcConnectionProvider}. */
        public Builder connectionProvider(JdbcConnectionProvider connections) {
            this.connections = Objects.requireNonNull(connections, "connections");
            return this;
        }

        /** Whether {@link #build()} creates the table and indexes when missing (default {@code false}). */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /**
         * Whether publishes wake dispatchers on other nodes through PostgreSQL LISTEN/NOTIFY (default
         * {@code true}; ignored on other databases). The listener holds one connection of the data
         * source while any dispatcher on this repository runs.
         */
        public Builder notifications(boolean notifications) {
            this.notifications = notifications;
            return this;
        }

        /**
         * Whether every publish must join a transaction bound to the calling thread (default
         * {@code false}). Without one, a publish that requires it throws an
         * {@link IllegalStateException} and enqueues nothing, instead of committing on its own and
         * surviving a rollback of the caller's work.
         */
        public Builder requireTransaction(boolean requireTransaction) {
            this.requireTransaction = requireTransaction;
            return this;
        }

        /**
         * Whether a completed entry stays in the table, with status {@code completed}, until cleanup
         * deletes it after the retention period (default {@code true}). With {@code false} the
         * completion deletes the entry, in the statement (or, for a
         * {@link TransactionalEventHandler}, the transaction) that would have marked it completed:
         * one write less per entry for the database, and a table that holds only unfinished work.
         * What that changes: counts and lists show no completed entries, an entry cannot be looked
         * up once it completed, and publishing an event again after its entry completed enqueues it
         * again (the check for a repeated publish sees only the entries in the table). The audit
         * trail still records every completion.
         */
        public Builder keepCompletedEntries(boolean keepCompletedEntries) {
            this.keepCompletedEntries = keepCompletedEntries;
            return this;
        }

        /**
         * On PostgreSQL, vacuums the queue table once this many entries finished on this node
         * (completed or deleted) since its last vacuum, at most every 5 seconds, on a thread of
         * its own and one node at a time. Every claim and completion leaves a row version behind
         * that later claims walk past until a vacuum removes it, and autovacuum comes far too
         * seldom for a busy queue table: without a vacuum, claims get slower by the minute. The
         * database user must own the table (or the database); otherwise the store logs that once
         * and leaves vacuuming to autovacuum. Default {@value #DEFAULT_VACUUM_AFTER}; 0 turns it
         * off. Other databases ignore it.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder vacuumAfter(int finishedEntries) {
            if (finishedEntries < 0) {
                throw new IllegalArgumentException(
                        "vacuumAfter must be 0 (off) or a number of entries, but was " + finishedEntries);
            }
            this.vacuumAfter = finishedEntries;
            return this;
        }

        /**
         * Hands an event class to every dispatcher built on this repository, as if registered there.
         *
         * @deprecated the dispatcher owns the event types and hands them to its store: register the
         *     class with {@code EventDispatcher.Builder.eventType(Class)} instead. A class given here
         *     is added to each attached dispatcher's types, under the name it reports (its
         *     {@link dev.eventqueue.domain.EventType}, else {@code getEventType()} of an instance).
         * @throws IllegalArgumentException when that name cannot be told
         */
        @Deprecated(since = "0.1.0")
        public Builder eventType(Class<? extends DomainEvent> eventClass) {
            EventTypeNames.of(eventClass);
            declaredTypes.add(new EventTypes.Declared(null, eventClass));
            return this;
        }

        /**
         * Hands an event class to every dispatcher built on this repository under a type name of
         * its own.
         *
         * @deprecated register it with {@code EventDispatcher.Builder.eventType(String, Class)}: the
         *     dispatcher owns the event types and hands them to its store.
         */
        @Deprecated(since = "0.1.0")
        public Builder eventType(String eventType, Class<? extends DomainEvent> eventClass) {
            declaredTypes.add(new EventTypes.Declared(
                    Objects.requireNonNull(eventType, "eventType"), Objects.requireNonNull(eventClass, "eventClass")));
            return this;
        }

        /**
         * Builds the repository; detects the dialect and creates the schema when asked to.
         *
         * @throws EventQueueStoreException when the database cannot be reached for either, naming its URL
         * @throws IllegalArgumentException when the database is not one the store supports
         */
        public JdbcEventQueueRepository build() {
            JdbcConnectionProvider provider =
                    connections != null ? connections : new DataSourceConnectionProvider(dataSource);
            SqlRunner runner =
                    new SqlRunner(provider, true, "event queue table " + table, DatabaseUrls.describe(dataSource));
            Dialect resolved = dialect != null ? dialect : detect(runner);
            JdbcEventQueueRepository repository = new JdbcEventQueueRepository(
                    this, resolved, serializer != null ? serializer : new JacksonEventSerializer(), runner);
            if (createSchema) {
                repository.createSchemaIfMissing();
            }
            return repository;
        }

        private static Dialect detect(SqlRunner runner) {
            return runner.single("detect the database dialect", connection -> {
                runner.database(DatabaseUrls.withoutPassword(url(connection)));
                return Dialect.detect(connection);
            });
        }

        private static String url(Connection connection) throws SQLException {
            String url = connection.getMetaData().getURL();
            return url != null ? url : "(URL unknown)";
        }
    }
}
