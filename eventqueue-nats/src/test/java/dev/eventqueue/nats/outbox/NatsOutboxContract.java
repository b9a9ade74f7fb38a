package dev.eventqueue.nats.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import dev.eventqueue.QueueStats;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.JdbcTransactions;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.nats.NatsStoreException;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.queue.StoredEntry;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testdatabases.NatsTestServers;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.StepEvent;
import dev.eventqueue.testing.events.TestEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing to JetStream through a JDBC outbox, on a nats-server the test starts and a real
 * database: each database is a subclass that supplies data sources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NatsOutboxContract {

    private static final Logger LOG = LoggerFactory.getLogger(NatsOutboxContract.class);
    private static final String TYPE = "OrderPlaced";
    private static final Credentials CLERK = new Credentials("clerk-1", "CLERK");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private NatsTestServers servers;
    private String table;
    private String prefix;
    private final List<Node> nodes = new ArrayList<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    /** A new data source on this class's database: each node gets its own, as separate JVMs would. */
    protected abstract DataSource newDataSource();

    @BeforeAll
    final void startServer() {
        servers = NatsTestServers.single();
    }

    @AfterAll
    final void stopServer() {
        if (servers != null) {
            servers.close();
        }
    }

    @BeforeEach
    final void names() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        table = "eq_outbox_" + id;
        prefix = "outbox" + id;
    }

    @AfterEach
    final void closeNodes() throws Exception {
        for (Node node : nodes) {
            node.dispatcher.stop();
            node.store.close();
            node.nats.close();
        }
        DataSource any = newDataSource();
        try (Connection connection = any.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + orders());
        }
        try (JdbcEventQueueRepository outbox =
                JdbcEventQueueRepository.builder(any).tableName(table).build()) {
            outbox.dropSchema();
        }
        nodes.clear();
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
        closeLast.clear();
        if (any instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    final void committedPublishIsDeliveredOnceByTheDispatcher() throws Exception {
        Node node = node();
        node.dispatcher.start();

        TestEvent event = TestEvent.of(TYPE, 1);
        placeOrder(node, "order-1", event);

        awaitSettled(node, 1);
        assertThat(node.handler.handleCount()).isEqualTo(1);
        ScriptedHandler.Call call = node.handler.calls("handle").get(0);
        assertThat(call.eventId()).isEqualTo(event.eventId());
        assertThat(call.credentials()).isEqualTo(CLERK);
        List<QueueEntry> inNats = node.nats.findByEventId(event.eventId());
        assertThat(inNats).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(EntryStatus.COMPLETED);
            assertThat(entry.priority()).isEqualTo(7); // travelled through the outbox as published
            assertThat(entry.attempts()).isEqualTo(1);
        });
        assertThat(orderExists(node, "order-1")).isTrue();
        assertOutboxEmpty(node);
    }

    @Test
    final void commitWakesTheRelayWithoutWaitingForItsPoll() throws Exception {
        Node node = node(Duration.ofHours(1));
        node.dispatcher.start(); // the relay looks once, finds nothing and would sleep an hour

        TestEvent event = TestEvent.of(TYPE, 1);
        placeOrder(node, "order-1", event);

        awaitSettled(node, 1);
        assertThat(node.handler.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactly(event.eventId());
        assertOutboxEmpty(node);
    }

    @Test
    final void rolledBackPublishNeverReachesNats() throws Exception {
        Node node = node();
        node.dispatcher.start();

        TestEvent rolledBack = TestEvent.of(TYPE, 1);
        assertThatThrownBy(() -> JdbcTransactions.inTransaction(node.dataSource, connection -> {
                    insertOrder(connection, "order-1");
                    node.dispatcher.publish(rolledBack, CLERK);
                    throw new SQLException("payment declined");
                }))
                .hasMessage("payment declined");
        // A later commit goes through the same relay: once it is handled, the relay has looked
        // at the outbox after the rollback.
        TestEvent committed = TestEvent.of(TYPE, 2);
        placeOrder(node, "order-2", committed);
        awaitSettled(node, 1);

        assertThat(node.nats.findByEventId(rolledBack.eventId())).isEmpty();
        assertThat(node.handler.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactly(committed.eventId());
        assertThat(orderExists(node, "order-1")).isFalse();
        assertThat(node.targetCounts.inserted()).isEqualTo(1);
        assertOutboxEmpty(node);
    }

    @Test
    final void publishWithoutTransactionGoesStraightToNatsAndCommittedOnesWaitForARelay() throws Exception {
        Node node = node(); // not started: no relay runs on any node

        TestEvent direct = TestEvent.of(TYPE, 1);
        node.dispatcher.publish(direct, CLERK);
        TestEvent transactional = TestEvent.of(TYPE, 2);
        placeOrder(node, "order-2", transactional);

        assertThat(node.nats.findByEventId(direct.eventId()))
                .singleElement()
                .extracting(QueueEntry::status)
                .isEqualTo(EntryStatus.PENDING);
        assertThat(node.nats.findByEventId(transactional.eventId())).isEmpty();
        assertThat(node.store.outboxCounts().pending()).isEqualTo(1);

        node.dispatcher.start(); // starts the relay
        awaitSettled(node, 2);
        assertThat(node.handler.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactlyInAnyOrder(direct.eventId(), transactional.eventId());
        assertOutboxEmpty(node);
    }

    @Test
    final void entryTheTargetRefusesIsSetAsideWithoutHoldingBackTheOthers() throws Exception {
        Node node = node();
        List<TestEvent> events = List.of(TestEvent.of(TYPE, 0), TestEvent.of(TYPE, 1), TestEvent.of(TYPE, 2));
        UUID refused = events.get(1).eventId();
        node.targetCounts.refuse(entry -> entry.event().getEventId().equals(refused));
        JdbcTransactions.inTransaction(node.dataSource, connection -> {
            insertOrder(connection, "order-1");
            node.dispatcher.publishAll(events, CLERK); // one outbox batch
        });

        node.dispatcher.start();
        awaitSettled(node, 2);
        await().atMost(WAIT).until(() -> {
            QueueCounts counts = node.store.outboxCounts();
            return counts.pending() == 1 && counts.processing() == 0;
        });
        assertThat(node.handler.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactlyInAnyOrder(
                        events.get(0).eventId(), events.get(2).eventId());
        assertThat(node.nats.findByEventId(refused)).isEmpty();
    }

    @Test
    final void aForwardedRowWhoseDeleteFailedIsDeletedByALaterPass() throws Exception {
        Node node = node();
        TestEvent event = TestEvent.of(TYPE, 1);
        placeOrder(node, "order-1", event);

        // A relay that forwarded and marked its row done, and whose delete then failed.
        forwardAsAnotherRelay(node, "relay-a", Duration.ofSeconds(30), true);
        assertThat(node.store.outboxCounts().completed()).isEqualTo(1);

        node.dispatcher.start(); // nothing to forward: its relay's recovery deletes the row
        awaitSettled(node, 1);
        assertOutboxEmpty(node);
        assertThat(node.handler.handleCount()).isEqualTo(1);
    }

    @Test
    final void relayThatDiesAfterForwardingAndBeforeDeletingStillGetsTheHandlerRunOnce() throws Exception {
        Node node = node();
        TestEvent event = TestEvent.of(TYPE, 1);
        placeOrder(node, "order-1", event);

        // What a relay on another node does before it is killed: claim the row, forward it, and
        // die before deleting it. Its lease is short, so the test does not wait long for it to lapse.
        forwardAsAnotherRelay(node, "relay-killed", Duration.ofSeconds(1), false);
        assertThat(node.store.outboxCounts().processing()).isEqualTo(1);

        node.dispatcher.start(); // this node's relay recovers the row once its lease lapsed
        await().atMost(WAIT).until(() -> node.targetCounts.dropped() == 1);
        awaitSettled(node, 1);

        assertThat(node.handler.handleCount()).isEqualTo(1);
        assertThat(node.nats.findByEventId(event.eventId())).hasSize(1);
        assertThat(node.targetCounts.inserted()).isZero();
        assertOutboxEmpty(node);
    }

    @Test
    final void eventsOfOneAggregateCommittedTogetherAreHandledInOrder() throws Exception {
        StepRecorder steps = new StepRecorder();
        Node node = node(steps);
        node.dispatcher.start();

        List<StepEvent> events = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            events.add(StepEvent.of("cart-1", step));
        }
        JdbcTransactions.inTransaction(node.dataSource, connection -> {
            insertOrder(connection, "cart-1");
            node.dispatcher.publishAll(events, CLERK);
        });

        await().atMost(WAIT).until(() -> steps.seen.size() == events.size());
        assertThat(steps.seen).isSorted().hasSize(events.size());
        assertOutboxEmpty(node);
    }

    @Test
    final void delayedPublishIsForwardedAtOnceAndKeepsItsDueTime() throws Exception {
        Node node = node();
        node.dispatcher.start();

        TestEvent event = TestEvent.of(TYPE, 1);
        Instant before = Instant.now();
        JdbcTransactions.inTransaction(node.dataSource, connection -> {
            insertOrder(connection, "order-1");
            node.dispatcher.publishAfter(event, Duration.ofHours(1), CLERK);
        });
        Instant after = Instant.now();

        assertOutboxEmpty(node);
        assertThat(node.nats.findByEventId(event.eventId())).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(entry.nextRetryAt())
                    .isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
        });
    }

    @Test
    final void twoNodesWithRelaysOnOneOutboxHandleEveryEventOnce() throws Exception {
        Node a = node();
        Node b = node();
        a.dispatcher.start();
        b.dispatcher.start();

        int events = 200;
        List<UUID> published = new ArrayList<>();
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        try {
            List<Future<UUID>> futures = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                Node on = i % 2 == 0 ? a : b;
                int number = i;
                futures.add(publishers.submit(() -> {
                    TestEvent event = TestEvent.of(TYPE, number);
                    placeOrder(on, "order-" + number, event);
                    return event.eventId();
                }));
            }
            for (Future<UUID> future : futures) {
                published.add(future.get());
            }
        } finally {
            publishers.shutdown();
        }

        await().atMost(WAIT).until(() -> a.handler.handleCount() + b.handler.handleCount() >= events);
        await().atMost(WAIT).until(() -> {
            QueueCounts counts = a.nats.countByStatus();
            return counts.completed() == events && counts.pending() == 0 && counts.processing() == 0;
        });
        Map<UUID, Long> runs = Stream.concat(a.handler.calls("handle").stream(), b.handler.calls("handle").stream())
                .collect(Collectors.groupingBy(ScriptedHandler.Call::eventId, Collectors.counting()));
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(published);
        assertThat(runs.values()).allMatch(count -> count == 1);
        // No row was forwarded by both relays: every entry reached JetStream exactly once.
        assertThat(a.targetCounts.inserted() + b.targetCounts.inserted()).isEqualTo(events);
        assertThat(a.targetCounts.dropped() + b.targetCounts.dropped()).isZero();
        assertOutboxEmpty(a);
        LOG.info("The relays forwarded {} and {} entries", a.targetCounts.inserted(), b.targetCounts.inserted());
    }

    @Test
    final void statsCountCommittedOutboxEntriesAsPendingUntilTheRelayForwardsThem() throws Exception {
        Node node = node(); // not started: no relay runs on any node

        placeOrder(node, "order-1", TestEvent.of(TYPE, 1));

        assertThat(node.nats.countByStatus().total()).isZero();
        QueueStats waiting = node.dispatcher.getStats();
        assertThat(waiting.pending()).isEqualTo(1);
        assertThat(waiting.processing() + waiting.completed() + waiting.failed())
                .isZero();
        assertThat(node.dispatcher.getHealth().details()).containsEntry("pending", 1L);

        node.dispatcher.start(); // starts the relay
        awaitSettled(node, 1);
        assertOutboxEmpty(node);
        QueueStats done = node.dispatcher.getStats();
        assertThat(done.pending()).isZero();
        assertThat(done.completed()).isEqualTo(1);
    }

    @Test
    final void outboxEntryNoRelayForwardsAgesTheBacklogInHealth() throws Exception {
        Duration maxLag = Duration.ofMillis(300);
        Node node = node(Duration.ofMillis(50), TestConfigs.fast().healthMaxLag(maxLag), passes -> passes);
        assertThat(node.dispatcher.getHealth().details()).containsEntry("oldestDueAgeMs", 0L);

        placeOrder(node, "order-1", TestEvent.of(TYPE, 1)); // not started: no relay forwards it

        await().atMost(WAIT).untilAsserted(() -> {
            HealthReport health = node.dispatcher.getHealth();
            assertThat(health.status()).isEqualTo(HealthReport.Status.DEGRADED);
            assertThat((Long) health.details().get("oldestDueAgeMs")).isGreaterThan(maxLag.toMillis());
            assertThat((List<?>) health.details().get("reasons"))
                    .anySatisfy(reason -> assertThat(reason).asString().startsWith("oldest due entry has been due"));
        });

        node.dispatcher.start();
        awaitSettled(node, 1);
        assertOutboxEmpty(node);
        assertThat(node.dispatcher.getHealth().details()).containsEntry("oldestDueAgeMs", 0L);
    }

    @Test
    final void outboxEntryIsListedAsPendingUntilForwardedThenOnceAsTheTargetHasIt() throws Exception {
        Node node = node(Duration.ofMillis(50));
        TestEvent event = TestEvent.of(TYPE, 1);
        EntryFilter pending = EntryFilter.builder().status(EntryStatus.PENDING).build();
        EntryFilter failed = EntryFilter.builder().status(EntryStatus.FAILED).build();

        placeOrder(node, "order-1", event); // not started: no relay forwards it

        EntryPage waiting = node.store.findEntries(EntryFilter.ALL, 0, 10);
        assertThat(waiting.total()).isEqualTo(1);
        QueueEntry listed = waiting.entries().get(0);
        assertThat(listed.eventId()).isEqualTo(event.eventId());
        assertThat(listed.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(listed.owner()).isNull();
        assertThat(node.store.countEntries(pending)).isEqualTo(1);
        assertThat(node.store.countEntries(failed)).isZero();
        assertThat(node.store.findEntries(failed, 0, 10).entries()).isEmpty();
        assertThat(node.store.findByEventId(event.eventId()))
                .extracting(QueueEntry::id)
                .containsExactly(listed.id());
        StoredEntry whole = node.store.findEntry(listed.id()).orElseThrow();
        assertThat(whole.entry().status()).isEqualTo(EntryStatus.PENDING);
        assertThat(whole.headers()).doesNotContainKeys(OutboxEntries.PRIORITY, OutboxEntries.ORDERING_KEY);

        node.dispatcher.start();
        awaitSettled(node, 1);
        assertOutboxEmpty(node);

        EntryPage done = node.store.findEntries(EntryFilter.ALL, 0, 10);
        assertThat(done.total()).isEqualTo(1);
        assertThat(done.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(listed.id());
            assertThat(entry.status()).isEqualTo(EntryStatus.COMPLETED);
        });
        assertThat(node.store.countEntries(pending)).isZero();
    }

    @Test
    final void delayedOutboxEntryIsFoundAsPendingWithItsDueTime() throws Exception {
        Node node = node(Duration.ofMillis(50));
        TestEvent event = TestEvent.of(TYPE, 1);
        Instant before = Instant.now();
        JdbcTransactions.inTransaction(node.dataSource, connection -> {
            insertOrder(connection, "order-1");
            node.dispatcher.publishAfter(event, Duration.ofHours(1), CLERK);
        }); // not started: no relay forwards it
        Instant after = Instant.now();

        QueueEntry listed =
                node.store.findByEventId(event.eventId()).stream().findFirst().orElseThrow();
        StoredEntry whole = node.store.findEntry(listed.id()).orElseThrow();
        assertThat(whole.entry().status()).isEqualTo(EntryStatus.PENDING);
        assertThat(whole.entry().attempts()).isZero();
        assertThat(whole.entry().owner()).isNull();
        assertThat(whole.entry().nextRetryAt())
                .isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
        assertThat(whole.headers())
                .doesNotContainKeys(OutboxEntries.DUE_AT, OutboxEntries.PRIORITY, OutboxEntries.ORDERING_KEY);
    }

    @Test
    final void delayedOutboxEntryIsListedAsPendingWithItsDueTime() throws Exception {
        Node node = node(Duration.ofMillis(50));
        Instant dueAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        TestEvent delayed = TestEvent.of(TYPE, 1);
        TestEvent undelayed = TestEvent.of(TYPE, 2);
        JdbcTransactions.inTransaction(node.dataSource, connection -> {
            insertOrder(connection, "order-1");
            node.dispatcher.publishAllAt(List.of(delayed), dueAt, CLERK);
            node.dispatcher.publish(undelayed, CLERK);
        }); // not started: no relay forwards them
        Map<UUID, Instant> expected = new HashMap<>();
        expected.put(delayed.eventId(), dueAt);
        expected.put(undelayed.eventId(), null);

        EntryPage whole = node.store.findEntries(EntryFilter.ALL, 0, 10);
        assertThat(whole.total()).isEqualTo(2);
        assertListedAsPendingDue(whole.entries(), expected);

        // Pages of one: each looks up its own row, whichever of the two it shows.
        List<QueueEntry> paged = new ArrayList<>();
        for (int offset = 0; offset < 2; offset++) {
            EntryPage page = node.store.findEntries(EntryFilter.ALL, offset, 1);
            assertThat(page.total()).isEqualTo(2);
            paged.addAll(page.entries());
        }
        assertThat(paged)
                .extracting(QueueEntry::id)
                .containsExactlyElementsOf(
                        whole.entries().stream().map(QueueEntry::id).toList());
        assertListedAsPendingDue(paged, expected);

        List<QueueEntry> ofDelayed = node.store.findByEventId(delayed.eventId());
        assertThat(ofDelayed).hasSize(1);
        assertListedAsPendingDue(ofDelayed, expected);
        List<QueueEntry> ofUndelayed = node.store.findByEventId(undelayed.eventId());
        assertThat(ofUndelayed).hasSize(1);
        assertListedAsPendingDue(ofUndelayed, expected);
    }

    /** Each entry pending, not claimed, due at its event's time in {@code dueAt} (null: due at once). */
    private static void assertListedAsPendingDue(List<QueueEntry> entries, Map<UUID, Instant> dueAt) {
        assertThat(entries).isNotEmpty().allSatisfy(entry -> {
            assertThat(dueAt).containsKey(entry.eventId());
            assertThat(entry.status()).isEqualTo(EntryStatus.PENDING);
            assertThat(entry.owner()).isNull();
            assertThat(entry.nextRetryAt()).isEqualTo(dueAt.get(entry.eventId()));
        });
    }

    @Test
    final void purgingPendingEntriesDeletesThoseStillInTheOutboxToo() throws Exception {
        Node node = node(Duration.ofMillis(50));
        TestEvent straight = TestEvent.of(TYPE, 1);
        node.dispatcher.publish(straight, CLERK); // no transaction: straight to JetStream
        TestEvent waiting = TestEvent.of(TYPE, 2);
        placeOrder(node, "order-1", waiting); // not started: no relay forwards it
        EntryFilter pending = EntryFilter.builder().status(EntryStatus.PENDING).build();

        assertThatThrownBy(() -> node.store.deleteEntries(EntryFilter.ALL, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(node.store.countEntries(pending)).isEqualTo(2);

        List<QueueEntry> purged = node.store.deleteEntries(pending, 10);

        assertThat(purged)
                .extracting(QueueEntry::eventId)
                .containsExactlyInAnyOrder(straight.eventId(), waiting.eventId());
        assertThat(purged).allSatisfy(entry -> assertThat(entry.status()).isEqualTo(EntryStatus.PENDING));
        assertThat(node.store.countEntries(EntryFilter.ALL)).isZero();
        assertOutboxEmpty(node);

        TestEvent later = TestEvent.of(TYPE, 3);
        placeOrder(node, "order-2", later);
        node.dispatcher.start(); // the relay forwards in commit order: a purged row left behind would come first
        awaitSettled(node, 1);
        assertThat(node.handler.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactly(later.eventId());
    }

    @Test
    final void aPurgeUpToItsLimitTakesOutboxEntriesFirst() throws Exception {
        Node node = node(Duration.ofMillis(50));
        TestEvent straight = TestEvent.of(TYPE, 1);
        node.dispatcher.publish(straight, CLERK);
        TestEvent waiting = TestEvent.of(TYPE, 2);
        placeOrder(node, "order-1", waiting);
        EntryFilter pending = EntryFilter.builder().status(EntryStatus.PENDING).build();

        assertThat(node.store.deleteEntries(pending, 1))
                .extracting(QueueEntry::eventId)
                .containsExactly(waiting.eventId());
        assertThat(node.store.findEntries(pending, 0, 10).entries())
                .extracting(QueueEntry::eventId)
                .containsExactly(straight.eventId());
    }

    @Test
    final void pagesOfOutboxAndTargetEntriesAreOldestFirstWithoutGapsOrRepeats() throws Exception {
        Node node = node(Duration.ofMillis(50));
        List<TestEvent> forwarded = List.of(TestEvent.of(TYPE, 1), TestEvent.of(TYPE, 2), TestEvent.of(TYPE, 3));
        for (TestEvent event : forwarded) {
            node.dispatcher.publish(event, CLERK); // no transaction: straight to JetStream, not handled yet
        }
        List<TestEvent> waiting = List.of(TestEvent.of(TYPE, 4), TestEvent.of(TYPE, 5));
        for (int i = 0; i < waiting.size(); i++) {
            placeOrder(node, "order-" + i, waiting.get(i));
        }

        List<UUID> paged = new ArrayList<>();
        for (int offset = 0; offset < 5; offset += 2) {
            EntryPage page = node.store.findEntries(EntryFilter.ALL, offset, 2);
            assertThat(page.total()).isEqualTo(5);
            page.entries().forEach(entry -> paged.add(entry.eventId()));
        }

        List<UUID> published = new ArrayList<>();
        forwarded.forEach(event -> published.add(event.eventId()));
        waiting.forEach(event -> published.add(event.eventId()));
        assertThat(paged).containsExactlyElementsOf(published);
    }

    @Test
    final void relayGoesOnAfterPassesThatThrowAndHealthStaysUp() throws Exception {
        FailingPasses failing =
                new FailingPasses(new IllegalStateException("database gone"), new IOException("connection reset"));
        Node node = node(Duration.ofMillis(50), TestConfigs.fast(), failing::wrap);
        placeOrder(node, "order-1", TestEvent.of(TYPE, 1));

        node.dispatcher.start();
        awaitSettled(node, 1);

        assertThat(failing.thrown()).isEqualTo(2);
        assertOutboxEmpty(node);
        HealthReport health = node.dispatcher.getHealth();
        assertThat(health.details()).doesNotContainKey("stoppedThreads");
        assertThat(health.status()).isEqualTo(HealthReport.Status.UP);
    }

    @Test
    final void relayGoesOnAfterPassesThatThrowErrorsAsTheDispatcherLoopsDo() throws Exception {
        FailingPasses failing = new FailingPasses(
                new OutOfMemoryError("injected by the test"), new StackOverflowError("injected by the test"));
        Node node = node(Duration.ofMillis(50), TestConfigs.fast(), failing::wrap);
        TestEvent event = TestEvent.of(TYPE, 1);
        placeOrder(node, "order-1", event);

        node.dispatcher.start();
        awaitSettled(node, 1);

        assertThat(failing.thrown()).isEqualTo(2);
        assertOutboxEmpty(node);
        assertThat(node.handler.calls("handle"))
                .extracting(ScriptedHandler.Call::eventId)
                .containsExactly(event.eventId());
        HealthReport health = node.dispatcher.getHealth();
        assertThat(health.details()).doesNotContainKey("stoppedThreads");
        assertThat(health.status()).isEqualTo(HealthReport.Status.UP);
    }

    @Test
    final void closeReportsATargetThatCannotBeClosedAsANatsStoreException() throws Exception {
        DataSource dataSource = newDataSource();
        if (dataSource instanceof AutoCloseable closeable) {
            closeLast.add(closeable);
        }
        try (NatsEventQueueRepository nats = NatsEventQueueRepository.builder(servers.url())
                .bucketPrefix(prefix)
                .build()) {
            IOException closing = new IOException("socket already closed");
            NatsOutboxRepository wrapped = NatsOutboxRepository.builder(new UnclosableStore(nats, closing), dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .ownsTarget(true)
                    .build();
            assertThatThrownBy(wrapped::close)
                    .isInstanceOf(NatsStoreException.class)
                    .hasMessageContaining("Could not close the target store")
                    .hasCause(closing);

            NatsStoreException own = new NatsStoreException("JetStream store could not drain", closing);
            NatsOutboxRepository asIs = NatsOutboxRepository.builder(new UnclosableStore(nats, own), dataSource)
                    .tableName(table)
                    .ownsTarget(true)
                    .build();
            assertThatThrownBy(asIs::close).isSameAs(own);
        }
    }

    // ---------------------------------------------------------------- support

    /** Passes that throw the given failures, one per pass, before they forward as usual. */
    private static final class FailingPasses {
        private final Queue<Throwable> failures;
        private final AtomicInteger thrown = new AtomicInteger();

        FailingPasses(Throwable... failures) {
            this.failures = new ConcurrentLinkedQueue<>(List.of(failures));
        }

        OutboxRelay.Pass wrap(OutboxRelay.Pass pass) {
            return new OutboxRelay.Pass() {
                @Override
                public int recover() {
                    return pass.recover();
                }

                @Override
                public int run() {
                    Throwable failure = failures.poll();
                    if (failure != null) {
                        thrown.incrementAndGet();
                        throw FailingPasses.<RuntimeException>sneaky(failure);
                    }
                    return pass.run();
                }
            };
        }

        int thrown() {
            return thrown.get();
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> T sneaky(Throwable failure) throws T {
            throw (T) failure;
        }
    }

    /** A target store whose close fails. */
    private static final class UnclosableStore extends ForwardingEventQueueRepository implements AutoCloseable {
        private final Exception failure;

        UnclosableStore(NatsEventQueueRepository nats, Exception failure) {
            super(nats);
            this.failure = failure;
        }

        @Override
        public void close() throws Exception {
            throw failure;
        }
    }

    /** Records the steps it handles; ordered by aggregate, so one aggregate's steps run one at a time. */
    private static final class StepRecorder extends EventHandlerBase<StepEvent> {
        private final List<Integer> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handle(StepEvent event) {
            seen.add(event.step());
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof StepEvent;
        }

        @Override
        public boolean isOrderedByAggregate() {
            return true;
        }

        @Override
        public String getName() {
            return "test.record-steps";
        }
    }

    private record Node(
            DataSource dataSource,
            NatsEventQueueRepository nats,
            CountingStore targetCounts,
            NatsOutboxRepository store,
            ScriptedHandler handler,
            EventDispatcher dispatcher) {}

    private Node node(EventHandler<?>... more) throws SQLException {
        return node(Duration.ofMillis(50), more);
    }

    private Node node(Duration relayPollInterval, EventHandler<?>... more) throws SQLException {
        return node(relayPollInterval, TestConfigs.fast(), passes -> passes, more);
    }

    private Node node(
            Duration relayPollInterval,
            EventQueueConfig.Builder config,
            UnaryOperator<OutboxRelay.Pass> passes,
            EventHandler<?>... more)
            throws SQLException {
        DataSource dataSource = newDataSource();
        if (dataSource instanceof AutoCloseable closeable) {
            closeLast.add(closeable);
        }
        NatsEventQueueRepository nats = NatsEventQueueRepository.builder(servers.url())
                .bucketPrefix(prefix)
                .build();
        CountingStore counting = new CountingStore(nats);
        NatsOutboxRepository store = NatsOutboxRepository.builder(counting, dataSource)
                .tableName(table)
                .createSchema(true)
                .relayPollInterval(relayPollInterval)
                .wrapRelayPass(passes)
                .build();
        ScriptedHandler handler =
                ScriptedHandler.named("ship-order").types(TYPE).priority(7);
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config.build())
                .repository(store)
                .handler(handler)
                .handlers(List.of(more))
                .eventType(TYPE, TestEvent.class)
                .build();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + orders() + " (id VARCHAR(64) PRIMARY KEY)");
        }
        Node node = new Node(dataSource, nats, counting, store, handler, dispatcher);
        nodes.add(node);
        return node;
    }

    private String orders() {
        return table + "_orders";
    }

    private void placeOrder(Node node, String orderId, TestEvent event) throws SQLException {
        JdbcTransactions.inTransaction(node.dataSource, connection -> {
            insertOrder(connection, orderId);
            node.dispatcher.publish(event, CLERK);
        });
    }

    private void insertOrder(Connection connection, String orderId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + orders() + " (id) VALUES (?)")) {
            insert.setString(1, orderId);
            insert.executeUpdate();
        }
    }

    private boolean orderExists(Node node, String orderId) throws SQLException {
        try (Connection connection = node.dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT id FROM " + orders() + " WHERE id = ?")) {
            select.setString(1, orderId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Waits until {@code completed} entries are done in JetStream and nothing else is left there. */
    private static void awaitSettled(Node node, int completed) {
        Function<QueueCounts, Boolean> settled =
                counts -> counts.completed() == completed && counts.pending() == 0 && counts.processing() == 0;
        await().atMost(WAIT).until(() -> settled.apply(node.nats.countByStatus()));
    }

    /**
     * Does what the relay of another node does with the one outbox row: claims it as {@code owner}
     * for {@code lease}, forwards it to JetStream and, with {@code markDone}, marks it done, but
     * never deletes it.
     */
    private void forwardAsAnotherRelay(Node node, String owner, Duration lease, boolean markDone) throws SQLException {
        try (JdbcEventQueueRepository outbox = JdbcEventQueueRepository.builder(newDataSource())
                .tableName(table)
                .notifications(false)
                .build()) {
            EventTypeRegistry types = new EventTypeRegistry();
            types.register(TYPE, TestEvent.class);
            outbox.attach(new RepositoryContext(types, 1 << 20));
            Instant now = outbox.clock().instant();
            List<ClaimedEntry> claimed = outbox.claim(
                    new ClaimRequest(now, 10, Loop.FOREGROUND, Set.of(node.handler.getName()), owner, now.plus(lease)));
            assertThat(claimed).hasSize(1);
            assertThat(node.nats.enqueue(List.of(OutboxEntries.toTarget(claimed.get(0), Loop.FOREGROUND))))
                    .isEqualTo(1);
            if (markDone) {
                assertThat(outbox.complete(List.of(claimed.get(0).ref()), now)).isEqualTo(1);
            }
        }
    }

    private static void assertOutboxEmpty(Node node) {
        await().atMost(WAIT).until(() -> {
            QueueCounts counts = node.store.outboxCounts();
            return counts.pending() + counts.processing() + counts.completed() + counts.failed() == 0;
        });
    }
}
