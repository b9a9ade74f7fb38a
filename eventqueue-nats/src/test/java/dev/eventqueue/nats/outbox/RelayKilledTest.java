package dev.eventqueue.nats.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.JdbcTransactions;
import dev.eventqueue.nats.ChildJvm;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testdatabases.NatsTestServers;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A relay in another JVM forwards a committed entry to JetStream and is killed with SIGKILL before
 * it deletes the row; this node's relay takes the row over once its lease lapsed and forwards it
 * again, JetStream drops the copy, and the handler runs once.
 */
class RelayKilledTest {

    private static final String TYPE = "OrderPlaced";

    @Test
    void relayKilledAfterForwardingAndBeforeDeletingLeavesOneHandlerRun() throws Exception {
        TestServer postgres = TestServers.postgres();
        String table = "eq_outbox_kill_" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "kill" + UUID.randomUUID().toString().substring(0, 8);
        Path log = Files.createTempFile("outbox-relay-", ".log");
        ScriptedHandler handler = ScriptedHandler.named("ship-order").types(TYPE);
        Process relay = null;
        try (NatsTestServers servers = NatsTestServers.single();
                HikariDataSource dataSource = pool(postgres);
                NatsEventQueueRepository nats = NatsEventQueueRepository.builder(servers.url())
                        .bucketPrefix(prefix)
                        .build()) {
            CountingStore target = new CountingStore(nats);
            try (NatsOutboxRepository store = NatsOutboxRepository.builder(target, dataSource)
                            .tableName(table)
                            .createSchema(true)
                            .relayPollInterval(Duration.ofMillis(50))
                            .build();
                    EventDispatcher dispatcher = EventDispatcher.builder()
                            .config(TestConfigs.fast().build())
                            .repository(store)
                            .handler(handler)
                            .eventType(TYPE, TestEvent.class)
                            .build()) {
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                relay = startRelay(servers.url(), prefix, postgres, table, log, lines);
                assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo(ForwardThenHangRelay.READY);

                TestEvent event = TestEvent.of(TYPE, 1);
                JdbcTransactions.inTransaction(
                        dataSource, connection -> dispatcher.publish(event, new Credentials("clerk-1", "CLERK")));
                assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo(ForwardThenHangRelay.FORWARDED + " 1");
                relay.destroyForcibly(); // SIGKILL, between the forward and the delete
                assertThat(relay.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(store.outboxCounts().processing()).isEqualTo(1);
                // This node's copy of the bucket hears of the other JVM's write through its watch.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> nats.findByEventId(event.eventId()).size() == 1);

                dispatcher.start(); // this node's relay recovers the row once its 2 s lease lapsed
                await().atMost(Duration.ofSeconds(60)).until(() -> target.dropped() == 1);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    QueueCounts counts = nats.countByStatus();
                    return counts.completed() == 1 && counts.pending() == 0 && counts.processing() == 0;
                });
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    QueueCounts counts = store.outboxCounts();
                    return counts.pending() + counts.processing() + counts.completed() == 0;
                });
                assertThat(handler.handleCount()).isEqualTo(1);
                assertThat(target.inserted()).isZero();
                assertThat(nats.findByEventId(event.eventId())).hasSize(1);
            } finally {
                try (JdbcEventQueueRepository outbox = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .build()) {
                    outbox.dropSchema();
                }
            }
        } finally {
            if (relay != null) {
                relay.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }

    private static Process startRelay(
            String natsUrl, String prefix, TestServer postgres, String table, Path log, BlockingQueue<String> lines)
            throws Exception {
        return ChildJvm.start(
                        ForwardThenHangRelay.class,
                        log,
                        line -> {
                            if (line.startsWith("RELAY-")) {
                                lines.add(line);
                            }
                        },
                        natsUrl,
                        prefix,
                        postgres.url(),
                        postgres.user(),
                        table,
                        TYPE)
                .process();
    }

    private static HikariDataSource pool(TestServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
