package dev.eventqueue.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.docs.Documents;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/DELIVERY-POLICIES.md and this package one source (every tagged snippet appears in
 * the page verbatim and every Java block of the page is a snippet) and runs the examples.
 */
class DeliveryPoliciesDocTest {

    private static final Duration DELAY = Duration.ofMillis(400);

    private EventDispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void everySnippetAppearsInThePageAndEveryJavaBlockIsASnippet() {
        Map<String, String> snippets = Documents.snippets("dev.eventqueue.policies");
        List<String> blocks = Documents.blocks(Documents.read("docs/DELIVERY-POLICIES.md"), "java");

        assertThat(snippets)
                .containsKeys(
                        "publish-delayed",
                        "publish-aggregate",
                        "delayed-aggregate",
                        "handler-policies",
                        "fixed-backoff");
        snippets.forEach((name, code) ->
                assertThat(blocks).as("page block for snippet '%s'", name).contains(code));
        assertThat(snippets.values()).as("Java blocks of the page").containsAll(blocks);
    }

    /** Fails each order's first two charges, declines order-9, and counts calls. */
    private static final class FlakyGateway implements PaymentGateway {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public void charge(String orderId) throws Exception {
            int call = calls.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
            if (orderId.equals("order-9")) {
                throw new CardDeclinedException("card of " + orderId + " declined");
            }
            if (call <= 2) {
                throw new IOException("processor unreachable");
            }
        }
    }

    private void start(FlakyGateway gateway, ReminderHandler reminders) {
        dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofSeconds(30))
                        .backgroundInterval(Duration.ofSeconds(30))
                        .build())
                .handler(new ChargeCardHandler(gateway, Duration.ofMillis(50)))
                .handler(reminders)
                .build();
        dispatcher.start();
    }

    @Test
    void delayedEventsArriveAfterTheirDelayAndNotAtAPoll() {
        ReminderHandler reminders = new ReminderHandler();
        start(new FlakyGateway(), reminders);
        Instant published = Instant.now();

        new DelayedPublishing().remind(dispatcher, DELAY);

        await().atMost(Duration.ofSeconds(10)).until(() -> reminders.reminded.size() == 4);
        assertThat(reminders.reminded).containsExactlyInAnyOrder("order-42", "order-43", "order-44", "order-45");
        assertThat(reminders.remindedAt)
                .allSatisfy(at ->
                        assertThat(at).isAfterOrEqualTo(published.plus(DELAY).minusMillis(10)));
    }

    @Test
    void anOrderIsChargedWithRetriesAndRemindedAfterItsPaymentWindow() {
        FlakyGateway gateway = new FlakyGateway();
        ReminderHandler reminders = new ReminderHandler();
        start(gateway, reminders);
        Instant placed = Instant.now();

        new DelayedPublishing().placeOrder(dispatcher, DELAY);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> reminders.reminded.contains("order-46")
                        && dispatcher.getStats().completed() == 2);
        assertThat(gateway.calls.get("order-46"))
                .as("two retries, then charged")
                .hasValue(3);
        assertThat(reminders.remindedAt.get(0))
                .isAfterOrEqualTo(placed.plus(DELAY).minusMillis(10));
    }

    @Test
    void aDeclinedCardFailsAtOnceWithoutRetries() {
        FlakyGateway gateway = new FlakyGateway();
        start(gateway, new ReminderHandler());
        OrderPlaced declined = new OrderPlaced("order-9");

        dispatcher.publish(declined, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.getStats().failed() == 1);
        List<QueueEntry> entries = dispatcher.getRepository().findByEventId(declined.getEventId());
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(EntryStatus.FAILED);
            assertThat(entry.attempts()).isEqualTo(1);
        });
        assertThat(gateway.calls.get("order-9")).hasValue(1);
    }
}
