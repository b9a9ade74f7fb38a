package dev.eventqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.spring.EventDispatcherLifecycle;
import dev.eventqueue.spring.SpringEventPublisher;
import dev.eventqueue.spring.boot.fixtures.AuditTrailHandler;
import dev.eventqueue.spring.boot.fixtures.Ledger;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import dev.eventqueue.spring.boot.fixtures.OrderPlacedHandler;
import dev.eventqueue.spring.boot.fixtures.OrderService;
import dev.eventqueue.spring.boot.fixtures.TestApplication;
import dev.eventqueue.spring.tx.TransactionAwareEnqueueRepository;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** The default wiring: in-memory queue, handler beans, publishing from a transactional service. */
@SpringBootTest(
        classes = TestApplication.class,
        properties = {"eventqueue.processing-interval=50ms", "eventqueue.background-interval=50ms"})
class InMemoryQueueTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    EventDispatcher dispatcher;

    @Autowired
    SpringEventPublisher publisher;

    @Autowired
    EventPublisher anyPublisher;

    @Autowired
    OrderService orders;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    EventDispatcherLifecycle lifecycle;

    @BeforeEach
    @AfterEach
    void reset() {
        ledger.clear();
        SecurityContextHolder.clearContext();
    }

    @Test
    void handlerBeansAreRegisteredAndTheDispatcherIsRunning() {
        assertThat(dispatcher.getHandlerNames())
                .containsExactlyInAnyOrder(OrderPlacedHandler.NAME, AuditTrailHandler.NAME);
        assertThat(lifecycle.isRunning()).isTrue();
        assertThat(dispatcher.getRepository()).isInstanceOf(TransactionAwareEnqueueRepository.class);
        assertThat(anyPublisher).as("the primary EventPublisher").isSameAs(publisher);
    }

    @Test
    void handlerBeansUseTheirInjectedDependencies() {
        publisher.publish(new OrderPlaced("o-1"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME)).containsExactly("o-1");
            assertThat(ledger.orderIdsHandledBy(AuditTrailHandler.NAME)).containsExactly("o-1");
        });
    }

    @Test
    void committedTransactionEnqueuesAndHandlersRunAfterTheCommit() {
        orders.placeOrder("o-commit");

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME))
                        .containsExactly("o-commit"));
        assertThat(ledger.uncommittedSeen())
                .as("handlers that ran before the commit")
                .isEmpty();
    }

    @Test
    void entriesPublishedInATransactionAreInvisibleUntilItCommits() {
        long pendingBefore = dispatcher.getStats().pending();
        transactions.executeWithoutResult(status -> {
            publisher.publish(new OrderPlaced("o-inside"));
            assertThat(dispatcher.getStats().pending()).isEqualTo(pendingBefore);
        });

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME))
                        .containsExactly("o-inside"));
    }

    @Test
    void rolledBackTransactionLeavesNothing() {
        long entriesBefore = total();

        assertThatThrownBy(() -> orders.placeOrderThenFail("o-rollback")).hasMessageContaining("payment declined");

        assertThat(total()).as("entries after rollback").isEqualTo(entriesBefore);
        assertThat(orders.isCommitted("o-rollback")).isFalse();
        // A later event is handled; the rolled-back one never is.
        orders.placeOrder("o-after");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.orderIdsHandledBy(OrderPlacedHandler.NAME))
                        .containsExactly("o-after"));
    }

    @Test
    void credentialsComeFromTheSpringSecurityContextWhenNoneArePassed() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "alice",
                        "n/a",
                        List.of(
                                new SimpleGrantedAuthority("SCOPE_orders"),
                                new SimpleGrantedAuthority("ROLE_MANAGER"))));

        publisher.publish(new OrderPlaced("o-alice"));
        publisher.publish(new OrderPlaced("o-bob"), new Credentials("bob", "CANDIDATE"));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger.lines())
                        .filteredOn(line -> line.handler().equals(OrderPlacedHandler.NAME))
                        .extracting(Ledger.Line::orderId, Ledger.Line::credentials)
                        .containsExactlyInAnyOrder(
                                tuple("o-alice", new Credentials("alice", "MANAGER")),
                                tuple("o-bob", new Credentials("bob", "CANDIDATE"))));
    }

    private long total() {
        var stats = dispatcher.getStats();
        return stats.pending() + stats.processing() + stats.completed() + stats.failed();
    }
}
