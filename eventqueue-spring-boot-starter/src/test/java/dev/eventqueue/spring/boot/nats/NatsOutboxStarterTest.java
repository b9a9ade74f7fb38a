package dev.eventqueue.spring.boot.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.nats.outbox.NatsOutboxRepository;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.spring.boot.fixtures.Apps;
import dev.eventqueue.spring.boot.fixtures.Ledger;
import dev.eventqueue.spring.boot.fixtures.OrderPlacedHandler;
import dev.eventqueue.spring.boot.fixtures.OrderService;
import dev.eventqueue.spring.boot.fixtures.TestApplication;
import dev.eventqueue.spring.boot.fixtures.TestDatabase;
import dev.eventqueue.testdatabases.NatsTestServers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code eventqueue.nats.outbox=true}: an application's {@code @Transactional} service publishes
 * into an outbox table on its own DataSource, and the relay forwards only what committed to the
 * JetStream store (a nats-server this test starts itself).
 */
class NatsOutboxStarterTest {

    @Test
    void aTransactionalPublishReachesJetStreamOnlyWhenItCommits() {
        TestDatabase h2 = TestDatabase.h2();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (NatsTestServers server = NatsTestServers.single()) {
            Map<String, String> properties =
                    new LinkedHashMap<>(h2.properties(h2.server().getPort()));
            properties.put("eventqueue.use-database", "false");
            properties.put("eventqueue.nats.url", server.url());
            properties.put("eventqueue.nats.bucket-prefix", "outbox_" + suffix);
            properties.put("eventqueue.nats.outbox", "true");
            properties.put("eventqueue.nats.outbox-table", "eq_starter_outbox_" + suffix);
            properties.put("eventqueue.processing-interval", "100");
            try (ConfigurableApplicationContext app = Apps.run(TestApplication.class, properties)) {
                EventDispatcher dispatcher = app.getBean(EventDispatcher.class);
                NatsOutboxRepository store = (NatsOutboxRepository) dispatcher.getRepository();
                assertThat(store.getDelegate()).isInstanceOf(NatsEventQueueRepository.class);
                assertThat(store.outboxTable()).isEqualTo("eq_starter_outbox_" + suffix);
                OrderService orders = app.getBean(OrderService.class);
                Ledger ledger = app.getBean(Ledger.class);

                orders.placeOrder("committed-1");
                assertThatThrownBy(() -> orders.placeOrderThenFail("rolled-back"))
                        .hasMessageContaining("payment declined");
                orders.placeOrder("committed-2");

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> ledger.orderIdsHandledBy(OrderPlacedHandler.NAME)
                                        .size()
                                == 2);
                assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME))
                        .containsExactlyInAnyOrder("committed-1", "committed-2");
                assertThat(ledger.uncommittedSeen()).isEmpty();
                QueueCounts waiting = store.outboxCounts();
                assertThat(waiting.pending() + waiting.processing())
                        .as("entries left in the outbox")
                        .isZero();
                // Two handlers take each order. The relay forwards in commit order: an entry of the
                // rolled-back order would be in the store before the second order's completions.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> dispatcher.getStats().completed() == 4);
                var stats = dispatcher.getStats();
                assertThat(stats.pending() + stats.processing() + stats.completed() + stats.failed())
                        .as("entries in JetStream")
                        .isEqualTo(4);
            }
        }
    }

    @Test
    void theOutboxWithoutADataSourceFailsStartupNamingWhatIsMissing() {
        try (NatsTestServers server = NatsTestServers.single()) {
            Map<String, String> properties = Map.of(
                    "eventqueue.nats.url", server.url(),
                    "eventqueue.nats.outbox", "true",
                    "spring.autoconfigure.exclude",
                            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
            assertThatThrownBy(() -> Apps.run(NatsStarterTest.DeliveringApplication.class, properties)
                            .close())
                    .hasStackTraceContaining("eventqueue.nats.outbox=true needs the application's DataSource");
        }
    }
}
