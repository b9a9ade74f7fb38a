package dev.eventqueue;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.dispatch.DispatchRuntime;
import dev.eventqueue.dispatch.HandlerRegistry;
import dev.eventqueue.dispatch.Interceptors;
import dev.eventqueue.dispatch.Listeners;
import dev.eventqueue.dispatch.Publisher;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.domain.ScheduledEvent;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.monitoring.ErrorRedactor;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.serialization.EventUpcaster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: publishes events into the queue (one entry per accepting handler) and, once
 * started, runs the handlers from it with priorities, retries, leases and an audit trail.
 *
 * <p>Thread-safe. Publishing and the admin calls work whether or not the dispatcher is started.
 * {@link #start()} and {@link #stop()} may be called repeatedly; {@link #close()} stops.
 */
public final class EventDispatcher implements EventPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int CLEANUP_CHUNK = 1000;

    private final EventQueueConfig config;
    private final EventQueueRepository repository;
    private final HandlerRegistry handlers;
    private final EventTypeRegistry eventTypes = new EventTypeRegistry();
    private final Clock clock;
    private final AuditLog auditLog;
    private final Listeners listeners;
    private final Interceptors interceptors;
    private final Publisher publisher;
    private final ErrorRedactor errorRedactor;
    private final Object lifecycle = new Object();
    private volatile DispatchRuntime runtime;

    private EventDispatcher(Builder b) {
        this.config = b.config;
        this.repository = b.repository != null ? b.repository : new InMemoryEventQueueRepository(b.clock);
        this.handlers = new HandlerRegistry(b.handlers, config.handlerTimeout());
        // Every time the dispatcher hands the store, and every audit record, is read from the store's clock.
        this.clock = repository.clock();
        this.auditLog = b.auditLog != null ? b.auditLog : new InMemoryAuditLog();
        // The audit trail is the first observer, so that a publish is in it before its handler runs here.
        this.listeners = Listeners.of(auditLog, clock, b.listeners);
        this.interceptors = new Interceptors(b.interceptors);
        this.errorRedactor = b.errorRedactor;
        Set<Class<? extends DomainEvent>> registered = new LinkedHashSet<>();
        for (EventHandler<?> handler : handlers.all()) {
            Class<? extends DomainEvent> eventClass = handler.getEventClass();
            if (eventClass != null) {
                eventTypes.registerConsumed(eventClass);
                registered.add(eventClass);
            }
        }
        b.eventTypes.forEach((type, name) -> {
            if (name == null) {
                eventTypes.register(type);
            } else {
                eventTypes.register(name, type);
            }
            registered.add(type);
        });
        b.aliases.forEach(eventTypes::registerAlias);
        b.upcasters.forEach(eventTypes::registerUpcaster);
        repository.attach(new RepositoryContext(eventTypes, config.maxPayloadBytes()));
        // Refused here rather than as failed entries on whichever node reads them later.
        registered.forEach(repository::requireReadable);
        this.publisher =
                new Publisher(repository, handlers, clock, listeners, interceptors, eventTypes, this::expectDue);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the processing and background loops; does nothing if already started. */
    public void start() {
        synchronized (lifecycle) {
            if (runtime != null) {
                return;
            }
            DispatchRuntime started = new DispatchRuntime(
                    config, repository, handlers, listeners, interceptors, this::cleanupQuietly, errorRedactor);
            started.start();
            runtime = started;
        }
    }

    /**
     * Stops gracefully: no new claims, unstarted claimed entries go back to the queue, running
     * handlers get {@link EventQueueConfig#shutdownTimeout()} to finish. Does nothing if not started.
     */
    public void stop() {
        synchronized (lifecycle) {
            DispatchRuntime running = runtime;
            if (running == null) {
                return;
            }
            runtime = null;
            running.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return runtime != null;
    }

    @Override
    public void publish(DomainEvent event, Credentials credentials) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        publisher.publishAll(List.of(event), credentials);
    }

    @Override
    public void publishAll(List<? extends DomainEvent> events, Credentials credentials) {
        publisher.publishAll(events, credentials);
    }

    /**
     * Publishes events to be delivered at or after {@code deliverAt}, by the store's clock (the
     * database's for a database store); stored like any entry, so they survive restarts. A past
     * instant means at once.
     */
    @Override
    public void publishAllAt(List<? extends DomainEvent> events, Instant deliverAt, Credentials credentials) {
        if (events == null) {
            throw new IllegalArgumentException("events must not be null");
        }
        if (deliverAt == null) {
            throw new IllegalArgumentException("deliverAt must not be null (use publishAll to deliver at once)");
        }
        publisher.publishAll(events, Collections.nCopies(events.size(), deliverAt), credentials);
    }

    /** Publishes events, each delivered at or after its own instant ({@code null}: at once). */
    @Override
    public void publishScheduled(List<ScheduledEvent> events, Credentials credentials) {
        if (events == null) {
            throw new IllegalArgumentException("events must not be null");
        }
        List<DomainEvent> plain = new ArrayList<>(events.size());
        List<Instant> deliverAts = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ScheduledEvent scheduled = events.get(i);
            if (scheduled == null) {
                throw new IllegalArgumentException("events[" + i + "] is null");
            }
            plain.add(scheduled.event());
            deliverAts.add(scheduled.deliverAt());
        }
        publisher.publishAll(plain, deliverAts, credentials);
    }

    /**
     * Publishes an event to be delivered {@code delay} from now, by the store's clock.
     *
     * @throws IllegalArgumentException when {@code delay} is null or negative
     */
    public void publishAfter(DomainEvent event, Duration delay, Credentials credentials) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, was " + delay);
        }
        publishAt(event, clock.instant().plus(delay), credentials);
    }

    public QueueStats getStats() {
        QueueCounts counts = repository.countByStatus();
        DispatchRuntime running = runtime;
        return new QueueStats(
                counts.pending(),
                counts.processing(),
                counts.completed(),
                counts.failed(),
                running == null ? 0 : running.activeHandlers(),
                repository.countBlockedOrderingKeys());
    }

    /**
     * Returns up to {@code limit} failed entries, oldest failure first, to the queue with their
     * full attempts again.
     *
     * @return how many were retried
     */
    public int retryFailedEvents(int limit) {
        requirePositive("limit", limit);
        // One instant for the store and the audit, so RETRIED_MANUALLY is never later than the next STARTED.
        Instant now = clock.instant();
        List<QueueEntry> retried = repository.retryFailed(limit, now);
        List<AuditRecord> records = new ArrayList<>(retried.size());
        for (QueueEntry entry : retried) {
            records.add(new AuditRecord(
                    now,
                    entry.eventId(),
                    entry.eventType(),
                    entry.handlerName(),
                    AuditAction.RETRIED_MANUALLY,
                    0,
                    entry.credentialsUserId(),
                    entry.error()));
        }
        recordAll(records);
        if (!retried.isEmpty()) {
            LOG.info("Retrying {} failed entries by hand", retried.size());
            DispatchRuntime running = runtime;
            if (running != null) {
                running.wakeAll();
            }
        }
        return retried.size();
    }

    /** Failed entries, oldest failure first, for inspection. */
    public List<QueueEntry> getFailedEntries(int limit) {
        requirePositive("limit", limit);
        return repository.findFailed(limit);
    }

    /**
     * Failed entries whose error starts with {@code errorPrefix}, oldest failure first; with
     * {@link QueueEntry#UNREADABLE_ERROR_PREFIX}, the entries no node could read, which a release
     * that registers their type delivers after {@link #retryFailedEvents(int)}.
     */
    public List<QueueEntry> getFailedEntries(int limit, String errorPrefix) {
        requirePositive("limit", limit);
        return repository.findFailed(limit, Objects.requireNonNull(errorPrefix, "errorPrefix"));
    }

    /**
     * Deletes completed entries older than {@link EventQueueConfig#retentionDays()}; also runs every
     * {@link EventQueueConfig#cleanupInterval()} while started.
     *
     * @return how many were deleted
     */
    public int cleanup() {
        return cleanupOlderThan(Duration.ofDays(config.retentionDays()));
    }

    /** Deletes completed entries last updated more than {@code age} ago. */
    public int cleanupOlderThan(Duration age) {
        Objects.requireNonNull(age, "age");
        Instant cutoff = clock.instant().minus(age);
        int total = 0;
        List<QueueEntry> deleted;
        do {
            deleted = repository.deleteCompletedBefore(cutoff, CLEANUP_CHUNK);
            total += deleted.size();
            List<AuditRecord> records = new ArrayList<>(deleted.size());
            for (QueueEntry entry : deleted) {
                records.add(new AuditRecord(
                        clock.instant(),
                        entry.eventId(),
                        entry.eventType(),
                        entry.handlerName(),
                        AuditAction.CLEANED_UP,
                        entry.attempts(),
                        entry.credentialsUserId(),
                        null));
            }
            recordAll(records);
        } while (deleted.size() == CLEANUP_CHUNK);
        if (total > 0) {
            LOG.info("Cleaned up {} completed entries older than {}", total, cutoff);
        }
        return total;
    }

    private void cleanupQuietly() {
        cleanup();
    }

    /** The dead-letter workflow on this dispatcher's queue: entries by filter, retry, purge, orphans. */
    public EventQueueOperations operations() {
        return new EventQueueOperations(repository, auditLog, () -> {
            DispatchRuntime running = runtime;
            if (running != null) {
                running.wakeAll();
            }
        });
    }

    public HealthReport getHealth() {
        return new HealthCheck(repository, config).evaluate(runtime);
    }

    public AuditLog getAuditLog() {
        return auditLog;
    }

    public EventQueueConfig getConfig() {
        return config;
    }

    public EventQueueRepository getRepository() {
        return repository;
    }

    /** Names of the handlers this dispatcher runs. */
    public Set<String> getHandlerNames() {
        Set<String> names = new TreeSet<>(handlers.names(false));
        names.addAll(handlers.names(true));
        return names;
    }

    /** The most handler calls that ran at once since the last start; 0 when stopped. */
    public int getPeakActiveHandlers() {
        DispatchRuntime running = runtime;
        return running == null ? 0 : running.peakActiveHandlers();
    }

    private void expectDue(Loop loop, Instant dueAt) {
        DispatchRuntime running = runtime;
        if (running != null) {
            running.expectDue(loop, dueAt);
        }
    }

    private void recordAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            auditLog.recordAll(records);
        } catch (RuntimeException e) {
            LOG.warn("Audit log failed to record {} records: {}", records.size(), SecretMasking.mask(e.toString()));
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, but was " + value);
        }
    }

    /** Assembles a dispatcher; {@link #build()} validates handlers and settings. */
    public static final class Builder {
        private EventQueueConfig config = EventQueueConfig.defaults();
        private EventQueueRepository repository;
        private final List<EventHandler<?>> handlers = new ArrayList<>();
        private final Map<Class<? extends DomainEvent>, String> eventTypes = new LinkedHashMap<>();
        private final List<EventQueueListener> listeners = new ArrayList<>();
        private final List<EventQueueInterceptor> interceptors = new ArrayList<>();
        private final Map<String, Class<? extends DomainEvent>> aliases = new LinkedHashMap<>();
        private final List<EventUpcaster> upcasters = new ArrayList<>();
        private AuditLog auditLog;
        private Clock clock = Clock.systemUTC();
        private ErrorRedactor errorRedactor = ErrorRedactor.none();

        private Builder() {}

        public Builder config(EventQueueConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder repository(EventQueueRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        public Builder handler(EventHandler<?> handler) {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Registers all of them, as {@link #handler} does one. */
        public Builder handlers(Iterable<? extends EventHandler<?>> all) {
            all.forEach(this::handler);
            return this;
        }

        /**
         * An event class this node consumes without publishing it (needed to read it back from a
         * database), under the type name the class reports: its {@link dev.eventqueue.domain.EventType}
         * annotation, else {@code getEventType()} of an instance made through one of its
         * constructors. {@link #build()} fails when that name cannot be told.
         */
        public Builder eventType(Class<? extends DomainEvent> type) {
            eventTypes.putIfAbsent(Objects.requireNonNull(type, "type"), null);
            return this;
        }

        /**
         * Like {@link #eventType(Class)}, for a class whose {@code getEventType()} is not its simple
         * class name: binds that type name to the class.
         */
        public Builder eventType(String eventType, Class<? extends DomainEvent> type) {
            Objects.requireNonNull(eventType, "eventType");
            eventTypes.put(Objects.requireNonNull(type, "type"), eventType);
            return this;
        }

        /**
         * A former name of an event type: entries stored under {@code alias} (by an older release,
         * before the type was renamed) are read as {@code type}. The same as listing it in
         * {@link dev.eventqueue.domain.EventType#aliases()}.
         */
        public Builder eventTypeAlias(String alias, Class<? extends DomainEvent> type) {
            aliases.put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * Turns entries of an older version of a type into the next version when they are read
         * back; see {@link EventUpcaster}. Repeatable, one per type and version.
         */
        public Builder upcaster(EventUpcaster upcaster) {
            upcasters.add(Objects.requireNonNull(upcaster, "upcaster"));
            return this;
        }

        /** Default: an {@link InMemoryAuditLog} keeping the newest records. */
        public Builder auditLog(AuditLog auditLog) {
            this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
            return this;
        }

        /**
         * Rewrites handlers' error text before it is stored, audited or logged (default: kept as
         * is). Secret-looking values are masked in any case and the text is cut to 4,000 characters.
         */
        public Builder errorRedactor(ErrorRedactor errorRedactor) {
            this.errorRedactor = Objects.requireNonNull(errorRedactor, "errorRedactor");
            return this;
        }

        public Builder listener(EventQueueListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Wraps every publish and handler call (tracing, for example): headers it adds at publish
         * travel with the entry to its delivery. Several run in the order added, the first outermost.
         */
        public Builder interceptor(EventQueueInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * The clock of the default in-memory store (default: the system clock). A store given to
         * {@link #repository} judges time by its own clock; a database store by the database's.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @throws IllegalArgumentException when two handlers share a name, a handler's settings are
         *     invalid, the type name of a class given to {@link #eventType(Class)} cannot be told, or
         *     the store could not read back events of a registered class (the message says how to
         *     change the class)
         */
        public EventDispatcher build() {
            return new EventDispatcher(this);
        }
    }
}
