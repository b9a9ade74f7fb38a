package dev.eventqueue.spring.boot.jdbc;

import static dev.eventqueue.micrometer.EventQueueMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.spring.SpringEventPublisher;
import dev.eventqueue.spring.boot.fixtures.AuditTrailHandler;
import dev.eventqueue.spring.boot.fixtures.Ledger;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import dev.eventqueue.spring.boot.fixtures.OrderPlacedHandler;
import dev.eventqueue.spring.boot.fixtures.OrderService;
import dev.eventqueue.spring.boot.fixtures.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The starter on a real database: one application context per database, tables of its own.
 * The processing loop polls only once an hour here, so a foreground handler runs promptly only
 * because the publish woke the loop, and the test shows the wake-up came after the commit.
 */
@SpringBootTest(
        classes = TestApplication.class,
        properties = {
            "eventqueue.processing-interval=1h",
            "eventqueue.background-interval=100ms",
            "management.simple.metrics.export.enabled=true"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class JdbcStarterContract {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    EventDispatcher dispatcher;

    @Autowired
    SpringEventPublisher publisher;

    @Autowired
    OrderService orders;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Value("${eventqueue.table-name}")
    String queueTable;

    @BeforeEach
    void clearLedger() {
        ledger.clear();
    }

    @Test
    final void usesTheJdbcStoreOnTheApplicationDataSource() {
        assertThat(dispatcher.getRepository()).isInstanceOf(JdbcEventQueueRepository.class);
        assertThat(((JdbcEventQueueRepository) dispatcher.getRepository()).tableName())
                .isEqualTo(queueTable);
        assertThat(dispatcher.getHandlerNames())
                .containsExactlyInAnyOrder(OrderPlacedHandler.NAME, AuditTrailHandler.NAME);
        assertThat(dispatcher.isRunning()).isTrue();
    }

    @Test
    final void committedTransactionWritesEntriesThatHandlersRunAfterTheCommit() {
        orders.placeOrder("o-commit");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME)).containsExactly("o-commit");
            assertThat(ledger.orderIdsHandledBy(AuditTrailHandler.NAME)).containsExactly("o-commit");
        });
        assertThat(ledger.uncommittedSeen())
                .as("handlers that ran before the commit")
                .isEmpty();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(statuses("o-commit")).containsExactly("completed", "completed"));
    }

    @Test
    final void rolledBackTransactionLeavesNeitherTheAggregateNorItsEntries() {
        assertThatThrownBy(() -> orders.placeOrderThenFail("o-rollback")).hasMessageContaining("payment declined");

        assertThat(orders.isCommitted("o-rollback")).isFalse();
        assertThat(statuses("o-rollback")).isEmpty();
        // A later order goes through; the rolled-back one is never handled.
        orders.placeOrder("o-after-rollback");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.orderIdsHandledBy(AuditTrailHandler.NAME))
                        .containsExactly("o-after-rollback"));
        // The two handlers run independently: one being done says nothing about the other.
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME))
                        .containsExactly("o-after-rollback"));
    }

    @Test
    final void entriesAreWrittenThroughTheTransactionsConnectionAndHiddenFromOthersUntilCommit() {
        transactions.executeWithoutResult(status -> {
            publisher.publish(new OrderPlaced("o-inside"));
            assertThat(statuses("o-inside"))
                    .as("seen on the transaction's own connection")
                    .hasSize(2);
            List<String> seenElsewhere = CompletableFuture.supplyAsync(() -> statuses("o-inside"))
                    .orTimeout(30, TimeUnit.SECONDS)
                    .join();
            assertThat(seenElsewhere)
                    .as("seen from another connection before commit")
                    .isEmpty();
        });

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME))
                        .containsExactly("o-inside"));
    }

    @Test
    final void handlerMetricsCarryHandlerEventTypeAndOutcomeTags() {
        orders.placeOrder("o-metrics");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.orderIdsHandledBy(AuditTrailHandler.NAME))
                        .containsExactly("o-metrics"));

        // The other handler may still be running: its meter appears when its first call ends.
        await().atMost(TIMEOUT)
                .ignoreExceptionsInstanceOf(MeterNotFoundException.class)
                .untilAsserted(() -> assertThat(meters.get(HANDLER_DURATION)
                                .tags(
                                        TAG_HANDLER,
                                        OrderPlacedHandler.NAME,
                                        TAG_EVENT_TYPE,
                                        "OrderPlaced",
                                        TAG_OUTCOME,
                                        OUTCOME_COMPLETED,
                                        TAG_EXCEPTION,
                                        "none")
                                .timer()
                                .count())
                        .isPositive());
        assertThat(meters.get(HANDLER_START_DELAY)
                        .tags(TAG_HANDLER, AuditTrailHandler.NAME)
                        .timer()
                        .count())
                .isPositive();
        assertThat(meters.get(EVENTS_PUBLISHED)
                        .tags(TAG_EVENT_TYPE, "OrderPlaced")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get(CLAIM_SIZE).tags(TAG_LOOP, "background").summary().count())
                .isPositive();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(meters.get(ENTRIES)
                                .tags(TAG_STATUS, "completed")
                                .gauge()
                                .value())
                        .isGreaterThanOrEqualTo(2));
        assertThat(meters.get(LAG).timeGauge().value(TimeUnit.SECONDS)).isNotNaN();
        assertThat(meters.get(HANDLERS_ACTIVE).gauge().value()).isNotNaN();
    }

    /** Statuses of the queue entries of one order, read on whatever connection this thread gets. */
    List<String> statuses(String orderId) {
        return jdbc.sql("select status from " + queueTable + " where aggregate_id = ? order by handler_name")
                .param(orderId)
                .query(String.class)
                .list();
    }
}
