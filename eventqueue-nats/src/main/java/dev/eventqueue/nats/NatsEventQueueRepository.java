package dev.eventqueue.nats;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.json.JacksonEventSerializer;
import dev.eventqueue.nats.EntryView.Versioned;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.LeaseMessages;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.NodeHeartbeat;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.queue.StoredEntry;
import dev.eventqueue.queue.WakeUpSubscription;
import dev.eventqueue.serialization.EventSerializer;
import dev.eventqueue.serialization.EventTypeNames;
import dev.eventqueue.serialization.EventTypeRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue on NATS JetStream. Every entry is one key of a replicated key-value bucket (a
 * JetStream stream keeping the last value of each key); its key is its event id and a hash of its
 * handler's name, so the server itself refuses a second entry of the same event and handler.
 * Every change of an entry (claim, completion, retry, lease extension, recovery) is a
 * compare-and-set on the revision it was read at: of two nodes that claim one entry, one wins and
 * the other skips it, so no entry is returned to two callers and a stale claim changes nothing.
 *
 * <p>Each store keeps a copy of the bucket's unfinished entries in memory, fed by a watch on the
 * bucket and by its own confirmed writes; claims and queries read that copy, writes go to the
 * server. Completed entries stay in the bucket until cleanup but not in any node's memory: each
 * node counts them, and reads them from the server when asked for them. A write counts
 * once the server has confirmed it, which on a replicated bucket means a majority of the
 * cluster stored it. See {@code docs/SCALING.md} for the mapping and what differs from the SQL
 * stores.
 *
 * <p>Time is this JVM's clock: JetStream has no clock a client can read. Nodes sharing a store
 * need clocks kept in step (NTP), as leases and due times are compared across them.
 */
public final class NatsEventQueueRepository implements EventQueueRepository, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatsEventQueueRepository.class);
    /**
     * The environment variable in which the wiring layers (the operator CLI and demo, the Spring Boot
     * starter as {@code eventqueue.nats.url}) take the server URL that chooses this store.
     */
    public static final String URL_VARIABLE = "EVENT_QUEUE_NATS_URL";
    /** The environment variable of the wiring layers' bucket prefix ({@code eventqueue.nats.bucket-prefix}). */
    public static final String BUCKET_PREFIX_VARIABLE = "EVENT_QUEUE_NATS_BUCKET_PREFIX";
    /** JetStream's error code for a write whose expected revision was not the key's last one. */
    static final int WRONG_LAST_SEQUENCE = 10071;
    /** JetStream's error code for a stream that exists already with another configuration. */
    private static final int STREAM_NAME_IN_USE = 10058;
    /** The header that makes a write a compare-and-set on the key's last revision (0: the key must not exist). */
    private static final String EXPECTED_REVISION = "Nats-Expected-Last-Subject-Sequence";
    /** A pipelined write the server refused because the key was not at the expected revision. */
    private static final long CONFLICT = -1;
    /** A pipelined write that failed otherwise (or whose outcome is unknown, such as a timeout). */
    private static final long FAILED = -2;

    /**
     * How far past the cutoff cleanup reads completions before it stops: room for clocks that
     * differ between nodes and for completions written late (a retry after an outage). One that
     * falls outside is cleaned up by a later run.
     */
    static final Duration CLEANUP_READ_MARGIN = Duration.ofMinutes(10);

    private static final Comparator<Versioned> CLAIM_ORDER = Comparator.<Versioned>comparingInt(
                    v -> v.state().priority())
            .thenComparing(v -> v.state().createdAt())
            .thenComparingLong(Versioned::seq);
    private static final Comparator<Versioned> AGED_ORDER =
            Comparator.<Versioned, Instant>comparing(v -> v.state().updatedAt()).thenComparingLong(Versioned::seq);
    private static final Comparator<Versioned> UPDATE_ORDER = AGED_ORDER;
    private static final Comparator<Versioned> CREATED_ORDER =
            Comparator.<Versioned, Instant>comparing(v -> v.state().createdAt()).thenComparingLong(Versioned::seq);

    private final Connection connection;
    private final boolean ownsConnection;
    private final KeyValue entries;
    private final KeyValue nodes;
    /** For pipelined compare-and-sets on the entry bucket's subjects. */
    private final JetStream jetStream;
    /** The subject prefix of the entry bucket's keys ({@code $KV.<bucket>.}). */
    private final String entrySubjectPrefix;
    /** How long a pipelined write may wait for its acknowledgement once the one before it arrived. */
    private final Duration writeTimeout;

    private final EntryView view = new EntryView();
    private final EntryCodec codec = new EntryCodec();
    /** Completed entries, which this node's copy does not hold: read from the server when asked for. */
    private final CompletedEntries completed;

    private final EventSerializer serializer;
    /** The attached dispatchers' event types (a view over all of them when several share this store). */
    private volatile EventTypeRegistry types = new EventTypeRegistry();

    private volatile int maxPayloadBytes = EventQueueConfig.DEFAULT_MAX_PAYLOAD_BYTES;
    private volatile boolean attached;
    private final List<Runnable> wakeUpListeners = new CopyOnWriteArrayList<>();
    private final NatsKeyValueWatchSubscription watch;
    private final Set<String> claiming = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Locks by a hash of the key, held while this node writes an outcome or a lease extension of
     * an entry: a lease extension and an outcome of one entry are never in flight at once, each
     * reads what the other wrote. (Clustered servers before 2.9.21 can accept two writes of one
     * key sent at the same moment over the same revision; see docs/SCALING.md.)
     */
    private final java.util.concurrent.locks.ReentrantLock[] keyLocks = newKeyLocks();

    private static final int KEY_LOCKS = 256;

    private static java.util.concurrent.locks.ReentrantLock[] newKeyLocks() {
        java.util.concurrent.locks.ReentrantLock[] locks = new java.util.concurrent.locks.ReentrantLock[KEY_LOCKS];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new java.util.concurrent.locks.ReentrantLock();
        }
        return locks;
    }

    private final String bucketPrefix;
    /** Whether a completion keeps the entry, marked completed, until cleanup; otherwise it deletes the key. */
    private final boolean keepCompletedEntries;

    private NatsEventQueueRepository(Builder b, Connection connection, boolean ownsConnection) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.keepCompletedEntries = b.keepCompletedEntries;
        this.serializer = b.serializer != null ? b.serializer : new JacksonEventSerializer();
        this.bucketPrefix = b.bucketPrefix;
        try {
            KeyValueManagement management = connection.keyValueManagement();
            entries = connection.keyValue(ensureBucket(management, b, b.bucketPrefix + "_entries"));
            nodes = connection.keyValue(ensureBucket(management, b, b.bucketPrefix + "_nodes"));
            jetStream = connection.jetStream();
            entrySubjectPrefix = "$KV." + entries.getBucketName() + ".";
            writeTimeout = connection.getOptions().getConnectionTimeout();
            completed = new CompletedEntries(entries, jetStream, entrySubjectPrefix, codec, b.startupTimeout);
            watch = watchEntries(b.startupTimeout);
        } catch (IOException | JetStreamApiException e) {
            throw new NatsStoreException("Could not open the JetStream buckets '" + b.bucketPrefix + "_*': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsStoreException("Interrupted while opening the JetStream buckets", e);
        }
    }

    public static Builder builder(String url) {
        return new Builder(Objects.requireNonNull(url, "url"), null);
    }

    /** A store on a connection the application owns (it closes it itself). */
    public static Builder builder(Connection connection) {
        return new Builder(null, Objects.requireNonNull(connection, "connection"));
    }

    private static String ensureBucket(KeyValueManagement management, Builder b, String name)
            throws IOException, JetStreamApiException {
        KeyValueConfiguration config = KeyValueConfiguration.builder()
                .name(name)
                .maxHistoryPerKey(1)
                .storageType(b.storage)
                .replicas(b.replicas)
                .build();
        // A cluster busy electing leaders refuses a create for a moment: try a few times.
        for (int attempt = 1; ; attempt++) {
            try {
                management.getBucketInfo(name);
                return name;
            } catch (JetStreamApiException e) {
                if (e.getErrorCode() != 404) {
                    throw e;
                }
            }
            try {
                management.create(config);
                return name;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == STREAM_NAME_IN_USE) {
                    return name; // another node created it at the same moment
                }
                if (attempt >= 10) {
                    throw e;
                }
                log.debug("Creating bucket {} failed ({}), trying again", name, e.getMessage());
                pauseBeforeRetry();
            }
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsStoreException("Interrupted while creating the buckets", e);
        }
    }

    private NatsKeyValueWatchSubscription watchEntries(Duration startupTimeout)
            throws IOException, JetStreamApiException, InterruptedException {
        CountDownLatch loaded = new CountDownLatch(1);
        NatsKeyValueWatchSubscription subscription = entries.watchAll(new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                onWatched(entry);
            }

            @Override
            public void endOfData() {
                view.loaded();
                loaded.countDown();
            }
        });
        if (!loaded.await(startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            subscription.unsubscribe();
            throw new NatsStoreException(
                    "The entries of bucket '" + entries.getBucketName() + "' did not load within " + startupTimeout,
                    null);
        }
        return subscription;
    }

    private void onWatched(KeyValueEntry entry) {
        try {
            if (entry.getOperation() != KeyValueOperation.PUT) {
                view.applyWatchedDelete(
                        entry.getKey(), entry.getRevision(), entry.getOperation() == KeyValueOperation.PURGE);
                return;
            }
            // This node's own writes come back too: their values are known, only the revision counts.
            Versioned known = view.watchedKnown(entry.getKey(), entry.getRevision());
            EntryState state = known != null ? known.state() : codec.read(entry.getValue());
            if (known == null) {
                view.applyWatched(entry.getKey(), state, entry.getRevision());
            }
            if (state.status() == EntryStatus.PENDING) {
                wakeUpListeners.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Skipped an unreadable value of key {} in bucket {}: {}",
                    entry.getKey(),
                    entries.getBucketName(),
                    e.toString());
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public synchronized void attach(RepositoryContext context) {
        types = attached ? types.and(context.eventTypes()) : context.eventTypes();
        maxPayloadBytes = attached ? Math.min(maxPayloadBytes, context.maxPayloadBytes()) : context.maxPayloadBytes();
        attached = true;
    }

    @Override
    public void requireReadable(Class<? extends DomainEvent> eventClass) {
        serializer.requireReadable(eventClass);
    }

    /** The bucket key of an event's entry for one handler: equal for a second publish of the pair. */
    static String keyOf(UUID eventId, String handlerName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(handlerName.getBytes(StandardCharsets.UTF_8));
            return "e." + eventId + "." + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public int enqueue(List<NewQueueEntry> newEntries) {
        // Everything is checked and serialized first: an event refused leaves nothing enqueued.
        Map<String, EntryState> byKey = new java.util.LinkedHashMap<>();
        Map<DomainEvent, String> payloads = new java.util.IdentityHashMap<>();
        int limit = maxPayloadBytes;
        for (NewQueueEntry entry : newEntries) {
            DomainEvent event = entry.event();
            String payload = payloads.computeIfAbsent(event, e -> checkedSize(serializer.serialize(e), e, limit));
            byKey.putIfAbsent(keyOf(event.getEventId(), entry.handlerName()), newState(entry, payload));
        }
        // The creates are pipelined in waves: an entry of an ordered key is sent only once the
        // entries of its key and handler before it in this publish are stored, so a write that
        // fails never leaves a later entry of the key stored without an earlier one.
        List<List<Map.Entry<String, EntryState>>> waves = new ArrayList<>();
        Map<String, Integer> depth = new HashMap<>();
        for (Map.Entry<String, EntryState> e : byKey.entrySet()) {
            EntryState state = e.getValue();
            int wave = state.orderingKey() == null ? 0 : depth.merge(EntryView.orderKey(state), 1, Integer::sum) - 1;
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(e);
        }
        int inserted = 0;
        for (List<Map.Entry<String, EntryState>> wave : waves) {
            inserted += createAll(wave);
        }
        return inserted;
    }

    /** Creates the entries of one wave at once; the ones whose key exists already are left as they are. */
    private int createAll(List<Map.Entry<String, EntryState>> wave) {
        List<String> keys = new ArrayList<>(wave.size());
        List<byte[]> values = new ArrayList<>(wave.size());
        long[] expected = new long[wave.size()];
        for (Map.Entry<String, EntryState> e : wave) {
            keys.add(e.getKey());
            values.add(codec.write(e.getValue()));
        }
        Pipelined result = pipeline(keys, values, expected);
        int inserted = 0;
        for (int i = 0; i < wave.size(); i++) {
            Map.Entry<String, EntryState> e = wave.get(i);
            long revision = result.revisions()[i];
            if (revision > 0) {
                view.applyOwn(e.getKey(), e.getValue(), revision);
                inserted++;
            } else if (revision == CONFLICT && result.error() == null && create(e.getKey(), e.getValue())) {
                // The key's last value is a delete marker (cleanup removed an earlier entry of the pair).
                inserted++;
            }
        }
        if (result.error() != null) {
            throw failure("enqueue", result.error());
        }
        return inserted;
    }

    private static EntryState newState(NewQueueEntry entry, String payload) {
        DomainEvent event = entry.event();
        Credentials credentials = entry.credentials();
        return new EntryState(
                entry.id(),
                event.getEventId(),
                event.getEventType(),
                EventTypeNames.version(event.getClass()),
                payload,
                event.getAggregateId(),
                entry.orderingKey(),
                entry.handlerName(),
                EntryStatus.PENDING,
                0,
                entry.maxAttempts(),
                entry.priority(),
                entry.background(),
                entry.dueAt(),
                entry.createdAt(),
                entry.createdAt(),
                null,
                credentials == null ? null : credentials.userId(),
                credentials == null ? null : credentials.role(),
                entry.headers(),
                null,
                null,
                0,
                null);
    }

    private static String checkedSize(String payload, DomainEvent event, int limit) {
        long bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            throw new IllegalArgumentException("Event " + event.getEventId() + " of type '" + event.getEventType()
                    + "' is " + bytes + " bytes serialized, more than the limit of " + limit
                    + " bytes; nothing of this publish was enqueued");
        }
        return payload;
    }

    private boolean create(String key, EntryState state) {
        try {
            long revision = entries.create(key, codec.write(state));
            view.applyOwn(key, state, revision);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                return false; // the event already has an entry for this handler
            }
            throw failure("enqueue", e);
        } catch (IOException e) {
            throw failure("enqueue", e);
        }
    }

    // ---------------------------------------------------------------- claims

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        Instant now = request.now();
        boolean background = request.background();
        Set<String> handlers = request.handlerNames();
        List<Versioned> due = new ArrayList<>();
        // The nodes running entries now, this one included: they are the ones likely to claim too.
        Set<String> claimers = new java.util.TreeSet<>();
        claimers.add(request.owner());
        for (Versioned v : view.open()) {
            EntryState s = v.state();
            if (s.status() == EntryStatus.PENDING
                    && s.background() == background
                    && handlers.contains(s.handlerName())
                    && (s.nextRetryAt() == null || !s.nextRetryAt().isAfter(now))) {
                due.add(v);
            } else if (s.status() == EntryStatus.PROCESSING
                    && s.owner() != null
                    && s.leaseExpiresAt() != null
                    && s.leaseExpiresAt().isAfter(now)) {
                claimers.add(s.owner());
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        Map<String, Long> heads = view.orderHeads();
        due.removeIf(v -> v.state().orderingKey() != null
                && heads.getOrDefault(EntryView.orderKey(v.state()), v.seq()) != v.seq());
        List<Versioned> ordered = new ArrayList<>(due.size());
        Instant agedBefore = request.agedBefore();
        if (agedBefore != null) {
            due.stream()
                    .filter(v -> v.state().updatedAt().isBefore(agedBefore))
                    .sorted(AGED_ORDER)
                    .forEach(ordered::add);
            due.stream()
                    .filter(v -> !v.state().updatedAt().isBefore(agedBefore))
                    .sorted(CLAIM_ORDER)
                    .forEach(ordered::add);
        } else {
            due.sort(CLAIM_ORDER);
            ordered = due;
        }
        List<ClaimedEntry> claimed = new ArrayList<>(Math.min(request.limit(), ordered.size()));
        List<Versioned> attempts = attemptOrder(ordered, request.limit(), claimers, request.owner());
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            rank.put(ordered.get(i).key(), i);
        }
        // The claims are sent in waves of as many compare-and-sets as entries are still wanted,
        // all at once; entries lost to another node are replaced by the next ones in the next wave.
        Map<String, ClaimedEntry> claimedByKey = new HashMap<>();
        int next = 0;
        while (claimedByKey.size() < request.limit() && next < attempts.size()) {
            int wanted = request.limit() - claimedByKey.size();
            List<Versioned> wave = new ArrayList<>(wanted);
            List<EntryState> states = new ArrayList<>(wanted);
            while (wave.size() < wanted && next < attempts.size()) {
                Versioned candidate = attempts.get(next++);
                // Threads of this JVM skip what another of them is claiming, instead of racing for it.
                if (claiming.add(candidate.key())) {
                    wave.add(candidate);
                    states.add(candidate
                            .state()
                            .claimed(request.owner(), request.leaseUntil(), now)
                            .withSeq(candidate.seq()));
                }
            }
            if (wave.isEmpty()) {
                break;
            }
            Pipelined result;
            try {
                result = writeAll(wave, states);
            } finally {
                wave.forEach(v -> claiming.remove(v.key()));
            }
            for (int i = 0; i < wave.size(); i++) {
                if (result.revisions()[i] > 0) {
                    claimedByKey.put(wave.get(i).key(), claimedEntry(states.get(i)));
                }
            }
            if (result.error() != null) {
                if (claimedByKey.isEmpty()) {
                    throw failure("claim entries", result.error());
                }
                // What was claimed is handed out; the next claim meets the failure again if it lasts.
                log.warn(
                        "Claimed {} entries, then a claim failed: {}",
                        claimedByKey.size(),
                        result.error().toString());
                break;
            }
        }
        claimedByKey.entrySet().stream()
                .sorted(Comparator.comparing(e -> rank.get(e.getKey())))
                .forEach(e -> claimed.add(e.getValue()));
        return claimed;
    }

    /**
     * The order in which a claim tries its candidates ({@code ordered}: best first). Alone, a node
     * tries its batch (the first {@code limit}) in a random order, so that a node that starts
     * claiming at the same moment does not race it for the same entry at every step. When other
     * nodes are running entries too ({@code claimers}, the owners of live leases, sorted the same
     * way on every node), the first {@code limit} times their number of candidates are shared out
     * by a hash of the key: each node tries its share first, in order, then the others' shares,
     * then the rest. Like concurrent claims on the SQL stores, which skip rows another claim has
     * locked, nodes then claim different entries of the front of the queue instead of all
     * writing for the same ones, of which each wins only a part.
     */
    static List<Versioned> attemptOrder(List<Versioned> ordered, int limit, Set<String> claimers, String owner) {
        int nodes = claimers.size();
        if (nodes <= 1) {
            int window = Math.min(limit, ordered.size());
            List<Versioned> attempts = new ArrayList<>(ordered.size());
            attempts.addAll(ordered.subList(0, window));
            java.util.Collections.shuffle(attempts, java.util.concurrent.ThreadLocalRandom.current());
            attempts.addAll(ordered.subList(window, ordered.size()));
            return attempts;
        }
        int slot = new ArrayList<>(claimers).indexOf(owner);
        int span = (int) Math.min(ordered.size(), (long) limit * nodes);
        List<Versioned> mine = new ArrayList<>(ordered.size());
        List<Versioned> others = new ArrayList<>(span);
        for (int i = 0; i < span; i++) {
            Versioned v = ordered.get(i);
            (Math.floorMod(v.key().hashCode(), nodes) == slot ? mine : others).add(v);
        }
        mine.addAll(others);
        mine.addAll(ordered.subList(span, ordered.size()));
        return mine;
    }

    private ClaimedEntry claimedEntry(EntryState s) {
        DomainEvent event = null;
        String payloadError = null;
        try {
            event = serializer.deserialize(s.eventType(), s.eventVersion(), s.payload(), types);
            if (event.getEventId() == null) {
                payloadError = "the payload has no eventId; the entry's event id is " + s.eventId();
            } else if (!event.getEventId().equals(s.eventId())) {
                payloadError =
                        "the payload's eventId " + event.getEventId() + " is not the entry's event id " + s.eventId();
            }
            if (payloadError != null) {
                event = null;
            }
        } catch (RuntimeException e) {
            payloadError = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        Credentials credentials = s.credentialsUserId() == null && s.credentialsRole() == null
                ? null
                : new Credentials(s.credentialsUserId(), s.credentialsRole());
        return new ClaimedEntry(
                s.id(),
                s.claimToken(),
                s.eventId(),
                s.eventType(),
                s.aggregateId(),
                s.handlerName(),
                s.attempts(),
                s.maxAttempts(),
                credentials,
                s.createdAt(),
                s.leaseExpiresAt(),
                s.headers(),
                s.error(),
                event,
                payloadError);
    }

    @Override
    public Instant nextDueAt(Set<String> handlerNames, Loop loop, Instant after) {
        Instant next = null;
        for (Versioned v : view.open()) {
            EntryState s = v.state();
            if (s.status() == EntryStatus.PENDING
                    && s.background() == loop.isBackground()
                    && handlerNames.contains(s.handlerName())
                    && s.nextRetryAt() != null
                    && s.nextRetryAt().isAfter(after)
                    && (next == null || s.nextRetryAt().isBefore(next))) {
                next = s.nextRetryAt();
            }
        }
        return next;
    }

    // ---------------------------------------------------------------- fenced outcomes

    /** Marks the entries completed, or deletes their keys when completed entries are not kept. */
    @Override
    public int complete(Collection<ClaimRef> claims, Instant now) {
        UnaryOperator<EntryState> completion = keepCompletedEntries
                ? s -> s.moved(EntryStatus.COMPLETED, s.attempts(), s.nextRetryAt(), null, s.orderingKey(), now)
                : s -> null;
        return fencedAll(claims, "complete entries", completion).size();
    }

    @Override
    public boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now) {
        return fenced(claim, s -> s.moved(EntryStatus.PENDING, s.attempts(), nextRetryAt, error, s.orderingKey(), now));
    }

    @Override
    public boolean fail(ClaimRef claim, String error, Instant now) {
        return fenced(
                claim,
                s -> s.moved(
                        EntryStatus.FAILED,
                        Math.min(s.attempts(), s.maxAttempts()),
                        s.nextRetryAt(),
                        error,
                        s.orderingKey(),
                        now));
    }

    @Override
    public boolean park(ClaimRef claim, String error, Instant now) {
        return fenced(
                claim,
                s -> s.moved(
                        EntryStatus.FAILED,
                        Math.min(s.attempts(), s.maxAttempts()),
                        s.nextRetryAt(),
                        error,
                        null,
                        now));
    }

    @Override
    public long countBlockedOrderingKeys() {
        return view.open().stream()
                .filter(v ->
                        v.state().status() == EntryStatus.FAILED && v.state().orderingKey() != null)
                .count();
    }

    @Override
    public int release(Collection<ClaimRef> claims, Instant now) {
        return fencedAll(
                        claims,
                        "release entries",
                        s -> s.moved(
                                EntryStatus.PENDING,
                                Math.max(s.attempts() - 1, 0),
                                s.nextRetryAt(),
                                s.error(),
                                s.orderingKey(),
                                now))
                .size();
    }

    @Override
    public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
        return new LinkedHashSet<>(fencedAll(claims, "extend leases", s -> s.withLease(leaseUntil)));
    }

    /**
     * {@link #fenced} for many claims at once: the writes over the entries as this node last saw
     * them are sent together; a claim whose entry changed meanwhile is read again and tried alone,
     * as {@link #fenced} does. Returns the claims whose change was written, in the given order.
     */
    private List<ClaimRef> fencedAll(Collection<ClaimRef> claims, String action, UnaryOperator<EntryState> change) {
        // The keys' locks are taken in ascending order (a single fenced write takes only one).
        java.util.TreeSet<Integer> stripes = new java.util.TreeSet<>();
        for (ClaimRef claim : claims) {
            Versioned v = view.byId(claim.entryId());
            if (v != null) {
                stripes.add(stripe(v.key()));
            }
        }
        List<java.util.concurrent.locks.ReentrantLock> locked = new ArrayList<>(stripes.size());
        List<ClaimRef> unlocked = new ArrayList<>();
        List<ClaimRef> written;
        try {
            for (int stripe : stripes) {
                keyLocks[stripe].lock();
                locked.add(keyLocks[stripe]);
            }
            written = fencedAllLocked(claims, stripes, unlocked, action, change);
        } finally {
            locked.forEach(java.util.concurrent.locks.ReentrantLock::unlock);
        }
        // Entries that appeared in this node's copy only after the locks were chosen: one at a time.
        for (ClaimRef claim : unlocked) {
            if (fenced(claim, change)) {
                written.add(claim);
            }
        }
        return written;
    }

    private List<ClaimRef> fencedAllLocked(
            Collection<ClaimRef> claims,
            Set<Integer> stripes,
            List<ClaimRef> unlocked,
            String action,
            UnaryOperator<EntryState> change) {
        List<ClaimRef> held = new ArrayList<>(claims.size());
        List<Versioned> current = new ArrayList<>(claims.size());
        List<EntryState> next = new ArrayList<>(claims.size());
        for (ClaimRef claim : claims) {
            Versioned v = view.byId(claim.entryId());
            if (v != null && !stripes.contains(stripe(v.key()))) {
                unlocked.add(claim);
            } else if (v != null && v.state().heldBy(claim.claimToken())) {
                held.add(claim);
                current.add(v);
                next.add(changed(v, change));
            }
        }
        if (held.isEmpty()) {
            return held;
        }
        Pipelined result = writeAll(current, next);
        List<ClaimRef> written = new ArrayList<>(held.size());
        for (int i = 0; i < held.size(); i++) {
            long revision = result.revisions()[i];
            if (revision > 0) {
                written.add(held.get(i));
            } else if (revision == CONFLICT && result.error() == null) {
                refresh(current.get(i).key());
                if (fenced(held.get(i), change)) {
                    written.add(held.get(i));
                }
            }
        }
        if (result.error() != null) {
            throw failure(action, result.error());
        }
        return written;
    }

    /** Writes {@code change} over the entry while {@code claim} still holds it; false once it does not. */
    private boolean fenced(ClaimRef claim, UnaryOperator<EntryState> change) {
        Versioned first = view.byId(claim.entryId());
        if (first == null) {
            return false;
        }
        java.util.concurrent.locks.ReentrantLock lock = keyLocks[stripe(first.key())];
        lock.lock();
        try {
            while (true) {
                Versioned current = view.byId(claim.entryId());
                if (current == null || !current.state().heldBy(claim.claimToken())) {
                    return false;
                }
                if (write(current, changed(current, change))) {
                    return true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The entry's next value under {@code change}, in its place in enqueue order; null: delete it. */
    private static EntryState changed(Versioned current, UnaryOperator<EntryState> change) {
        EntryState next = change.apply(current.state());
        return next == null ? null : next.withSeq(current.seq());
    }

    private static int stripe(String key) {
        return Math.floorMod(key.hashCode(), KEY_LOCKS);
    }

    /**
     * Writes {@code next} over {@code current} (deletes the key where it is null) unless the entry
     * changed since it was read; on such a conflict this node's copy is brought up to date from the
     * server and false is returned.
     */
    private boolean write(Versioned current, EntryState next) {
        if (next == null) {
            return delete(current);
        }
        try {
            long revision = entries.update(current.key(), codec.write(next), current.revision());
            view.applyOwn(current.key(), next, revision);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                refresh(current.key());
                return false;
            }
            throw failure("update an entry", e);
        } catch (IOException e) {
            throw failure("update an entry", e);
        }
    }

    /** The outcome of pipelined writes: per write its new revision, {@link #CONFLICT} or {@link #FAILED}. */
    private record Pipelined(long[] revisions, Exception error) {}

    /**
     * Writes {@code next.get(i)} over {@code current.get(i)} for all i at once (deletes the key where
     * it is null); the ones the server stored are applied to this node's copy. A refused one
     * ({@link #CONFLICT}) is left to the caller, the watch brings its newer value.
     */
    private Pipelined writeAll(List<Versioned> current, List<EntryState> next) {
        List<String> keys = new ArrayList<>(current.size());
        List<byte[]> values = new ArrayList<>(current.size());
        long[] expected = new long[current.size()];
        for (int i = 0; i < current.size(); i++) {
            keys.add(current.get(i).key());
            values.add(next.get(i) == null ? null : codec.write(next.get(i)));
            expected[i] = current.get(i).revision();
        }
        Pipelined result = pipeline(keys, values, expected);
        for (int i = 0; i < current.size(); i++) {
            long revision = result.revisions()[i];
            if (revision > 0 && next.get(i) == null) {
                view.applyOwnDelete(keys.get(i), revision);
            } else if (revision > 0) {
                view.applyOwn(keys.get(i), next.get(i), revision);
            }
        }
        return result;
    }

    /**
     * Sends the compare-and-sets of {@code values[i]} (a delete where it is null) on {@code
     * keys[i]} over revision {@code expected[i]} (0: the key must not exist) without waiting, the
     * way {@link KeyValue#update} writes one, then waits for every acknowledgement. The outcome of
     * each write is the same as that of the synchronous write: stored at a new revision, refused
     * because the key was not at the expected revision, or failed.
     */
    private Pipelined pipeline(List<String> keys, List<byte[]> values, long[] expected) {
        int n = keys.size();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Headers headers = new Headers().put(EXPECTED_REVISION, Long.toString(expected[i]));
            if (values.get(i) == null) {
                headers.put("KV-Operation", "DEL");
            }
            try {
                acks.add(jetStream.publishAsync(NatsMessage.builder()
                        .subject(entrySubjectPrefix + keys.get(i))
                        .headers(headers)
                        .data(values.get(i))
                        .build()));
            } catch (RuntimeException e) {
                acks.add(CompletableFuture.failedFuture(e));
            }
        }
        long[] revisions = new long[n];
        Exception error = null;
        for (int i = 0; i < n; i++) {
            CompletableFuture<PublishAck> ack = acks.get(i);
            try {
                revisions[i] =
                        ack.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS).getSeqno();
            } catch (ExecutionException e) {
                JetStreamApiException api = apiException(e);
                if (api != null && api.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                    revisions[i] = CONFLICT;
                } else {
                    revisions[i] = FAILED;
                    if (error == null) {
                        error = api != null ? api : rootCause(e);
                    }
                }
            } catch (TimeoutException e) {
                ack.cancel(false);
                revisions[i] = FAILED;
                if (error == null) {
                    error = new IOException("no acknowledgement of a write within " + writeTimeout.toMillis()
                            + " ms; it may or may not have been stored");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (int j = i; j < n; j++) {
                    revisions[j] = FAILED;
                }
                if (error == null) {
                    error = e;
                }
                break;
            }
        }
        return new Pipelined(revisions, error);
    }

    private static JetStreamApiException apiException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api) {
                return api;
            }
        }
        return null;
    }

    private static Exception rootCause(ExecutionException e) {
        Throwable t = e;
        while (t.getCause() != null
                && (t instanceof ExecutionException
                        || t instanceof java.util.concurrent.CompletionException
                        || t.getClass() == RuntimeException.class)) {
            t = t.getCause();
        }
        return t instanceof Exception ex ? ex : e;
    }

    private void refresh(String key) {
        try {
            KeyValueEntry entry = entries.get(key);
            if (entry == null) {
                Versioned current = view.get(key);
                if (current != null) {
                    view.applyOwnDelete(key, current.revision());
                }
            } else {
                view.applyOwn(key, codec.read(entry.getValue()), entry.getRevision());
            }
        } catch (IOException | JetStreamApiException e) {
            throw failure("read an entry", e);
        }
    }

    private boolean purge(Versioned completedEntry) {
        long revision = completed.purge(completedEntry);
        if (revision == CompletedEntries.CHANGED) {
            return false;
        }
        view.applyOwnPurge(completedEntry, revision);
        return true;
    }

    private boolean delete(Versioned current) {
        try {
            entries.delete(current.key(), current.revision());
            view.applyOwnDelete(current.key(), current.revision());
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                refresh(current.key());
                return false;
            }
            throw failure("delete an entry", e);
        } catch (IOException e) {
            throw failure("delete an entry", e);
        }
    }

    // ---------------------------------------------------------------- recovery and admin

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        List<Versioned> expired = select(
                s -> s.status() == EntryStatus.PROCESSING
                        && s.leaseExpiresAt() != null
                        && s.leaseExpiresAt().isBefore(now),
                Comparator.<Versioned, Instant>comparing(v -> v.state().leaseExpiresAt())
                        .thenComparingLong(Versioned::seq));
        List<QueueEntry> recovered = new ArrayList<>();
        for (Versioned v : expired) {
            EntryState s = v.state();
            String error = s.attempts() >= s.maxAttempts()
                    ? LeaseMessages.lostOnLastAttempt(s.owner(), s.attempts())
                    : LeaseMessages.lost(s.owner(), s.attempts());
            EntryState next = s.moved(EntryStatus.PENDING, s.attempts(), null, error, s.orderingKey(), now)
                    .withSeq(v.seq());
            if (write(v, next)) {
                recovered.add(next.toQueueEntry());
            }
        }
        return recovered;
    }

    @Override
    public QueueCounts countByStatus() {
        long pending = 0;
        long processing = 0;
        long failed = 0;
        for (Versioned v : view.open()) {
            switch (v.state().status()) {
                case PENDING -> pending++;
                case PROCESSING -> processing++;
                case FAILED -> failed++;
                case COMPLETED -> {} // not held: counted apart
            }
        }
        return new QueueCounts(pending, processing, view.completedCount(), failed);
    }

    @Override
    public Instant oldestDueSince(Instant now) {
        Instant oldest = null;
        for (Versioned v : view.open()) {
            EntryState s = v.state();
            if (s.status() == EntryStatus.PENDING
                    && (s.nextRetryAt() == null || !s.nextRetryAt().isAfter(now))) {
                Instant since = s.dueSince();
                if (oldest == null || since.isBefore(oldest)) {
                    oldest = since;
                }
            }
        }
        return oldest;
    }

    @Override
    public List<QueueEntry> findFailed(int limit) {
        return entriesOf(select(s -> s.status() == EntryStatus.FAILED, UPDATE_ORDER), limit);
    }

    @Override
    public List<QueueEntry> findFailed(int limit, String errorPrefix) {
        Objects.requireNonNull(errorPrefix, "errorPrefix");
        return entriesOf(
                select(
                        s -> s.status() == EntryStatus.FAILED
                                && s.error() != null
                                && s.error().startsWith(errorPrefix),
                        UPDATE_ORDER),
                limit);
    }

    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        // By key, the later revision winning: an entry that completes during the read is seen twice.
        Map<String, Versioned> byKey = new HashMap<>();
        for (Versioned v : view.open()) {
            if (v.state().eventId().equals(eventId)) {
                byKey.put(v.key(), v);
            }
        }
        // Every completed entry was counted, under its handler, when this node first saw it.
        for (Versioned v : completed.ofEvent(eventId, view.completedKeySuffixes())) {
            byKey.merge(v.key(), v, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        List<Versioned> found = new ArrayList<>(byKey.values());
        found.sort(CREATED_ORDER);
        return entriesOf(found, Integer.MAX_VALUE);
    }

    @Override
    public List<QueueEntry> retryFailed(int limit, Instant now) {
        return retry(select(s -> s.status() == EntryStatus.FAILED, UPDATE_ORDER), limit, now);
    }

    @Override
    public List<QueueEntry> retryFailed(EntryFilter filter, int limit, Instant now) {
        return retry(
                select(s -> s.status() == EntryStatus.FAILED && filter.matches(s.toQueueEntry()), UPDATE_ORDER),
                limit,
                now);
    }

    private List<QueueEntry> retry(List<Versioned> failed, int limit, Instant now) {
        List<QueueEntry> retried = new ArrayList<>();
        for (Versioned v : failed) {
            if (retried.size() >= limit) {
                break;
            }
            EntryState s = v.state();
            EntryState next = s.moved(EntryStatus.PENDING, 0, null, s.error(), s.orderingKey(), now)
                    .withSeq(v.seq());
            if (write(v, next)) {
                retried.add(next.toQueueEntry());
            }
        }
        return retried;
    }

    @Override
    public List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        // Oldest writes first, so a cleanup in batches finds its next batch at the front, and the
        // read ends where completions are well past the cutoff: a completion written later than
        // those is no older than the cutoff unless its node's clock was off by more than the margin.
        Instant past = cutoff.plus(CLEANUP_READ_MARGIN);
        List<Versioned> old = new ArrayList<>();
        if (view.completedCount() == 0) {
            return List.of(); // nothing to read: completions delete their entries, or none is left
        }
        completed.scan(CompletedEntries.ALL, v -> {
            Instant completedAt = v.state().updatedAt();
            if (completedAt.isBefore(cutoff)) {
                old.add(v);
            }
            return old.size() < limit && completedAt.isBefore(past);
        });
        old.sort(UPDATE_ORDER);
        return deleteAll(old, limit);
    }

    private List<QueueEntry> deleteAll(List<Versioned> candidates, int limit) {
        List<QueueEntry> deleted = new ArrayList<>();
        for (Versioned v : candidates) {
            if (deleted.size() >= limit) {
                break;
            }
            boolean done = v.state().status() == EntryStatus.COMPLETED ? purge(v) : delete(v);
            if (done) {
                deleted.add(v.state().toQueueEntry());
            }
        }
        return deleted;
    }

    @Override
    public EntryPage findEntries(EntryFilter filter, int offset, int limit) {
        EntryPage.requireValid(offset, limit);
        // Only the page's entries and those before it are kept, however many completed entries match.
        int kept = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
        PriorityQueue<Versioned> firstOnes = new PriorityQueue<>(CREATED_ORDER.reversed());
        long total = matching(filter, v -> {
            firstOnes.add(v);
            if (firstOnes.size() > kept) {
                firstOnes.poll();
            }
            return true;
        });
        List<Versioned> first = new ArrayList<>(firstOnes);
        first.sort(CREATED_ORDER);
        List<QueueEntry> page = first.stream()
                .skip(offset)
                .limit(limit)
                .map(v -> v.state().toQueueEntry())
                .toList();
        return new EntryPage(page, total, offset, limit);
    }

    @Override
    public long countEntries(EntryFilter filter) {
        boolean byHandlerOnly = filter.eventTypes().isEmpty()
                && filter.aggregateId() == null
                && filter.errorContains() == null
                && filter.updatedFrom() == null
                && filter.updatedBefore() == null;
        if (!byHandlerOnly || !filter.allowsStatus(EntryStatus.COMPLETED)) {
            return matching(filter, v -> true);
        }
        // The completed entries' counts answer without reading them from the server.
        Set<EntryStatus> unfinished = unfinished(filter);
        long count = unfinished.isEmpty()
                ? 0
                : matching(filter.toBuilder().statuses(unfinished).build(), v -> true);
        for (Map.Entry<String, Long> handler : view.completedByHandler().entrySet()) {
            if ((filter.handlers().isEmpty() || filter.handlers().contains(handler.getKey()))
                    && !filter.excludedHandlers().contains(handler.getKey())) {
                count += handler.getValue();
            }
        }
        return count;
    }

    /** The statuses other than completed that {@code filter} allows. */
    private static Set<EntryStatus> unfinished(EntryFilter filter) {
        Set<EntryStatus> statuses = EnumSet.noneOf(EntryStatus.class);
        for (EntryStatus status : EntryStatus.values()) {
            if (status != EntryStatus.COMPLETED && filter.allowsStatus(status)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /**
     * Hands the entries that match {@code filter} to {@code visitor} (the unfinished ones from this
     * node's copy, then the completed ones from the server, oldest write first) until it returns
     * false; returns how many it was handed.
     */
    private long matching(EntryFilter filter, Predicate<Versioned> visitor) {
        long[] count = {0};
        Predicate<Versioned> counted = v -> {
            if (!filter.matches(v.state().toQueueEntry())) {
                return true;
            }
            count[0]++;
            return visitor.test(v);
        };
        Set<String> handedOut = new HashSet<>();
        for (Versioned v : view.open()) {
            long before = count[0];
            boolean more = counted.test(v);
            if (count[0] > before) {
                handedOut.add(v.key());
            }
            if (!more) {
                return count[0];
            }
        }
        if (filter.allowsStatus(EntryStatus.COMPLETED) && view.completedCount() > 0) {
            // An entry that completed after the copy was read is handed out once, as it was read there.
            completed.scan(CompletedEntries.ALL, v -> handedOut.contains(v.key()) || counted.test(v));
        }
        return count[0];
    }

    @Override
    public Optional<StoredEntry> findEntry(UUID entryId) {
        Versioned v = view.byId(entryId);
        if (v == null && view.completedCount() > 0) {
            // Not unfinished on this node: a completed entry, if any, is on the server only.
            Versioned[] found = {null};
            completed.scan(CompletedEntries.ALL, c -> {
                if (c.state().id().equals(entryId)) {
                    found[0] = c;
                }
                return found[0] == null;
            });
            v = found[0];
        }
        return v == null
                ? Optional.empty()
                : Optional.of(new StoredEntry(
                        v.state().toQueueEntry(), v.state().payload(), v.state().headers()));
    }

    @Override
    public List<QueueEntry> deleteEntries(EntryFilter filter, int limit) {
        filter.requireDeletable();
        List<Versioned> candidates = new ArrayList<>();
        int[] completedOnes = {0};
        matching(filter, v -> {
            if (v.state().status() == EntryStatus.COMPLETED) {
                // Read oldest first: the first ones are the ones an update order would pick.
                candidates.add(v);
                return ++completedOnes[0] < limit;
            }
            if (v.state().status() != EntryStatus.PROCESSING) {
                candidates.add(v);
            }
            return true;
        });
        candidates.sort(UPDATE_ORDER);
        return deleteAll(candidates, limit);
    }

    /** How many entries this node's copy of the bucket holds: its unfinished ones. */
    int entriesHeld() {
        return view.open().size();
    }

    @Override
    public Map<String, Long> countByHandler(EntryStatus status) {
        if (status == EntryStatus.COMPLETED) {
            return view.completedByHandler();
        }
        Map<String, Long> counts = new HashMap<>();
        for (Versioned v : view.open()) {
            if (v.state().status() == status) {
                counts.merge(v.state().handlerName(), 1L, Long::sum);
            }
        }
        return counts;
    }

    private List<Versioned> select(Predicate<EntryState> condition, Comparator<Versioned> order) {
        List<Versioned> selected = new ArrayList<>();
        for (Versioned v : view.open()) {
            if (condition.test(v.state())) {
                selected.add(v);
            }
        }
        selected.sort(order);
        return selected;
    }

    private static List<QueueEntry> entriesOf(List<Versioned> found, int limit) {
        return found.stream().limit(limit).map(v -> v.state().toQueueEntry()).toList();
    }

    // ---------------------------------------------------------------- nodes

    private static String nodeKey(String owner) {
        return "n." + HexFormat.of().formatHex(owner.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void recordHeartbeat(NodeHeartbeat node) {
        try {
            nodes.put(nodeKey(node.owner()), codec.write(node));
        } catch (IOException | JetStreamApiException e) {
            throw failure("record a node", e);
        }
    }

    @Override
    public void removeNode(String owner) {
        try {
            nodes.delete(nodeKey(owner));
        } catch (IOException | JetStreamApiException e) {
            throw failure("remove a node", e);
        }
    }

    @Override
    public List<NodeHeartbeat> nodesAliveAt(Instant now) {
        try {
            List<NodeHeartbeat> alive = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String key : nodes.keys()) {
                KeyValueEntry entry = nodes.get(key);
                if (entry != null && entry.getValue() != null && seen.add(key)) {
                    NodeHeartbeat node = codec.readNode(entry.getValue());
                    if (!node.aliveUntil().isBefore(now)) {
                        alive.add(node);
                    }
                }
            }
            alive.sort(Comparator.comparing(NodeHeartbeat::owner));
            return alive;
        } catch (IOException | JetStreamApiException e) {
            throw failure("list the nodes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsStoreException("Interrupted while listing the nodes", e);
        }
    }

    // ---------------------------------------------------------------- wake-ups, health, lifecycle

    @Override
    public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        wakeUpListeners.add(listener);
        return () -> wakeUpListeners.remove(listener);
    }

    @Override
    public void ping() {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            throw new NatsStoreException("Not connected to NATS (" + connection.getStatus() + ")", null);
        }
        try {
            entries.getStatus();
        } catch (IOException | JetStreamApiException e) {
            throw failure("read the bucket's status", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsStoreException("Interrupted while pinging", e);
        }
    }

    /** The prefix of this store's bucket names. */
    public String bucketPrefix() {
        return bucketPrefix;
    }

    @Override
    public void close() {
        try {
            watch.unsubscribe();
        } catch (RuntimeException e) {
            log.debug("Stopping the watch failed: {}", e.toString());
        }
        if (ownsConnection) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private NatsStoreException failure(String action, Exception e) {
        return new NatsStoreException("JetStream store could not " + action + ": " + e.getMessage(), e);
    }

    /** Settings of a {@link NatsEventQueueRepository}. */
    public static final class Builder {
        private final String url;
        private final Connection connection;
        private String bucketPrefix = "eventqueue";
        private int replicas = 1;
        private StorageType storage = StorageType.File;
        private EventSerializer serializer;
        private Duration startupTimeout = Duration.ofSeconds(30);
        private boolean keepCompletedEntries = true;

        private Builder(String url, Connection connection) {
            this.url = url;
            this.connection = connection;
        }

        /**
         * The prefix of the two buckets ({@code <prefix>_entries}, {@code <prefix>_nodes}): letters,
         * digits, {@code -} and {@code _}. Stores with the same prefix share one queue.
         */
        public Builder bucketPrefix(String prefix) {
            if (prefix == null || !prefix.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException(
                        "bucketPrefix must be 1 to 64 letters, digits, '-' or '_', was '" + prefix + "'");
            }
            this.bucketPrefix = prefix;
            return this;
        }

        /**
         * How many servers keep each bucket when it is created: 1 on a single server, 3 on a
         * cluster (a write counts once 2 of the 3 have it), at most 5.
         */
        public Builder replicas(int replicas) {
            if (replicas < 1 || replicas > 5) {
                throw new IllegalArgumentException("replicas must be 1 to 5, was " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** Where the buckets keep their data when they are created: file (the default) or memory. */
        public Builder storage(StorageType storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** How events are stored; the JSON serializer by default. */
        public Builder serializer(EventSerializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /**
         * How long opening may take to load the unfinished entries into memory, and a read of
         * completed entries from the server (a lookup, list or cleanup) may take (30 s by default).
         */
        public Builder startupTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, was " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Whether a completed entry stays in the bucket, with status completed, until cleanup (the
         * default), or its key is deleted as it completes, only while its claim still holds it.
         * Either way no node holds completed entries in memory. Deleted ones cost the server no
         * storage, leave the bucket with the unfinished work only (and one small delete marker
         * per key), and spare every node's watch the decoding of each completion. What changes:
         * counts and lists show no completed entries, an entry cannot be looked up once it
         * completed, and publishing an event again after its entry completed enqueues it again.
         * The audit trail keeps the history.
         */
        public Builder keepCompletedEntries(boolean keepCompletedEntries) {
            this.keepCompletedEntries = keepCompletedEntries;
            return this;
        }

        /** The servers of a comma-separated list: the client connects to one and fails over to the others. */
        private static String[] servers(String url) {
            String[] servers = url.split(",");
            for (int i = 0; i < servers.length; i++) {
                servers[i] = servers[i].trim();
                if (servers[i].isEmpty()) {
                    throw new IllegalArgumentException(
                            "NATS url has an empty server in its list: '" + redacted(url) + "'");
                }
            }
            return servers;
        }

        /** The url without user and password, for messages. */
        static String redacted(String url) {
            return url.replaceAll("//[^/@,]*@", "//***@");
        }

        public NatsEventQueueRepository build() {
            if (connection != null) {
                return new NatsEventQueueRepository(this, connection, false);
            }
            Connection opened;
            try {
                opened = Nats.connect(new Options.Builder()
                        .servers(servers(url))
                        .maxReconnects(-1)
                        .connectionName("eventqueue")
                        .errorListener(new Slf4jErrorListener())
                        .build());
            } catch (IOException e) {
                throw new NatsStoreException(
                        "Could not connect to NATS at " + redacted(url) + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NatsStoreException("Interrupted while connecting to NATS at " + redacted(url), e);
            }
            try {
                return new NatsEventQueueRepository(this, opened, true);
            } catch (RuntimeException e) {
                try {
                    opened.close();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
        }
    }
}
