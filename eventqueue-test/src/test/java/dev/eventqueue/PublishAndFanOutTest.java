package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fan-out at publish, duplicates, and how a publish wakes the loops. */
class PublishAndFanOutTest {

    private static final Credentials MANAGER = new Credentials("manager-1", "MANAGER");

    @Test
    void publishWritesOneEntryPerAcceptingHandlerWithThatHandlersSettings() {
        ScriptedHandler invoices = ScriptedHandler.named("invoices")
                .types("OrderPlaced")
                .priority(10)
                .maxRetries(5);
        ScriptedHandler reports = ScriptedHandler.named("reports")
                .types("OrderPlaced")
                .background()
                .maxRetries(0);
        ScriptedHandler seats = ScriptedHandler.named("seats").types("SeatReservedEvent");
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(invoices)
                .handler(reports)
                .handler(seats)
                .build();
        OrderPlacedEvent event = OrderPlacedEvent.sample("o-1", Instant.now());

        dispatcher.publish(event, MANAGER);

        List<QueueEntry> entries = dispatcher.getRepository().findByEventId(event.getEventId());
        assertThat(entries).hasSize(2);
        assertThat(entries)
                .filteredOn(e -> e.handlerName().equals("test.invoices"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.priority()).isEqualTo(10);
                    assertThat(e.background()).isFalse();
                    assertThat(e.maxAttempts()).as("1 + getMaxRetries()").isEqualTo(6);
                    assertThat(e.credentialsUserId()).isEqualTo("manager-1");
                    assertThat(e.credentialsRole()).isEqualTo("MANAGER");
                    assertThat(e.status()).isEqualTo(EntryStatus.PENDING);
                    assertThat(e.eventType()).isEqualTo("OrderPlaced");
                    assertThat(e.aggregateId()).isEqualTo("o-1");
                });
        assertThat(entries)
                .filteredOn(e -> e.handlerName().equals("test.reports"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.priority()).isEqualTo(100);
                    assertThat(e.background()).isTrue();
                    assertThat(e.maxAttempts()).isEqualTo(1);
                });
        assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()))
                .extracting(AuditRecord::action, AuditRecord::handlerName, AuditRecord::userId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(AuditAction.PUBLISHED, "test.invoices", "manager-1"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.PUBLISHED, "test.reports", "manager-1"));
    }

    @Test
    void fannedOutEntriesAreEachHandledOnceByTheirHandler() {
        ScriptedHandler first = ScriptedHandler.named("first");
        ScriptedHandler second = ScriptedHandler.named("second").background();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(first)
                .handler(second)
                .build()) {
            dispatcher.start();
            List<DomainEvent> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                events.add(i % 2 == 0 ? TestEvent.of("Tick", i) : SeatReservedEvent.sample("S" + i, Instant.now()));
            }
            dispatcher.publishAll(events, null);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 40);
            assertThat(first.calls("handle"))
                    .extracting(ScriptedHandler.Call::eventId)
                    .containsExactlyInAnyOrderElementsOf(
                            events.stream().map(DomainEvent::getEventId).toList());
            assertThat(second.calls("handle"))
                    .extracting(ScriptedHandler.Call::eventId)
                    .containsExactlyInAnyOrderElementsOf(
                            events.stream().map(DomainEvent::getEventId).toList());
        }
    }

    @Test
    void anEventNoHandlerAcceptsIsStillAudited() {
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(ScriptedHandler.named("orders").types("OrderPlaced"))
                .build();
        TestEvent ignored = TestEvent.of("NobodyCares", 1);

        dispatcher.publish(ignored, MANAGER);

        assertThat(dispatcher.getRepository().findByEventId(ignored.getEventId()))
                .isEmpty();
        assertThat(dispatcher.getStats().pending()).isZero();
        assertThat(dispatcher.getAuditLog().findByEventId(ignored.getEventId()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo(AuditAction.PUBLISHED);
                    assertThat(r.handlerName()).isNull();
                    assertThat(r.eventType()).isEqualTo("NobodyCares");
                    assertThat(r.userId()).isEqualTo("manager-1");
                });
    }

    @Test
    void inOnePublishOnlyTheEventsNoHandlerAcceptsGetAPublishRecordWithoutAHandler() {
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(ScriptedHandler.named("orders").types("OrderPlaced"))
                .build();
        TestEvent accepted = TestEvent.of("OrderPlaced", 1);
        TestEvent ignored = TestEvent.of("NobodyCares", 2);
        TestEvent alsoAccepted = TestEvent.of("OrderPlaced", 3);

        dispatcher.publishAll(List.of(accepted, ignored, alsoAccepted), MANAGER);

        for (TestEvent event : List.of(accepted, alsoAccepted)) {
            assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.action()).isEqualTo(AuditAction.PUBLISHED);
                        assertThat(r.handlerName()).isEqualTo("test.orders");
                    });
        }
        assertThat(dispatcher.getAuditLog().findByEventId(ignored.getEventId()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo(AuditAction.PUBLISHED);
                    assertThat(r.handlerName()).isNull();
                });
    }

    @Test
    void publishingTheSameEventAgainEnqueuesNothingNewAndRunsNothingTwice() {
        ScriptedHandler handler = ScriptedHandler.named("once");
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(handler)
                .build()) {
            TestEvent event = TestEvent.of("Tick", 1);
            dispatcher.publish(event, null);
            dispatcher.publish(event, null); // before it ran
            dispatcher.publishAll(List.of(event, event), null); // twice in one batch
            assertThat(dispatcher.getRepository().findByEventId(event.getEventId()))
                    .hasSize(1);

            dispatcher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1);
            dispatcher.publish(event, null); // after it completed

            assertThat(dispatcher.getRepository().findByEventId(event.getEventId()))
                    .as("the in-memory store forgets a completed entry but remembers its event")
                    .isEmpty();
            assertThat(dispatcher.getStats().pending()).isZero();
            dispatcher.stop(); // drains: anything enqueued by the last publish would have run by now
            assertThat(handler.handleCount()).isEqualTo(1);
            assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(0, 0, 1, 0, 0));
        }
    }

    @Test
    void publishingWorksBeforeStartAndAfterStopAndEntriesWait() {
        ScriptedHandler handler = ScriptedHandler.named("waiting");
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(handler)
                .build()) {
            dispatcher.publish(TestEvent.of("Tick", 1), null);
            assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(1, 0, 0, 0, 0));

            dispatcher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1);
            dispatcher.stop();
            assertThat(dispatcher.isRunning()).isFalse();

            dispatcher.publish(TestEvent.of("Tick", 2), null);
            assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(1, 0, 1, 0, 0));
            assertThat(handler.handleCount()).isEqualTo(1);

            dispatcher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 2);
            assertThat(handler.handleCount()).isEqualTo(2);
        }
    }

    @Test
    void invalidEventsAreRejectedAndNothingOfTheBatchIsEnqueued() {
        EventDispatcher dispatcher =
                EventDispatcher.builder().handler(ScriptedHandler.named("any")).build();
        TestEvent valid = TestEvent.of("Tick", 1);

        assertThatThrownBy(() -> dispatcher.publish(null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event");
        List<DomainEvent> withNull = new ArrayList<>();
        withNull.add(valid);
        withNull.add(null);
        assertThatThrownBy(() -> dispatcher.publishAll(withNull, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events[1]");
        assertThatThrownBy(() -> dispatcher.publish(new TestEvent(null, Instant.now(), "Tick", 1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no event id");
        assertThatThrownBy(() -> dispatcher.publish(TestEvent.of(" ", 1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank event type");
        assertThat(dispatcher.getStats().pending())
                .as("the valid event of the failed batch")
                .isZero();
    }
}
