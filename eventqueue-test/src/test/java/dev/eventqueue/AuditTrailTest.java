package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.testing.MutableClock;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every publish and outcome is recorded, queryable by event id. */
class AuditTrailTest {

    private static final Instant T0 = Instant.parse("2024-05-14T12:00:00Z");
    private static final Credentials CANDIDATE = new Credentials("cand-5", "CANDIDATE");

    @Test
    void aDeliveryLeavesItsWholeTrailWithTimeTypeHandlerAttemptUserAndError() {
        MutableClock clock = new MutableClock(T0);
        ScriptedHandler flaky = ScriptedHandler.named("flaky").maxRetries(1).onHandle((e, c) -> {
            if (c.getAttempt() == 1) {
                throw new IllegalStateException("first try fails");
            }
        });
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .clock(clock)
                .handler(flaky)
                .build()) {
            TestEvent event = TestEvent.of("AttemptCreated", 1);
            dispatcher.publish(event, CANDIDATE); // before start: with a frozen clock, order is insertion order
            dispatcher.start();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1);
            List<AuditRecord> trail = dispatcher.getAuditLog().findByEventId(event.getEventId());
            assertThat(trail)
                    .extracting(AuditRecord::action, AuditRecord::attempt, AuditRecord::error)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(AuditAction.PUBLISHED, 0, null),
                            org.assertj.core.groups.Tuple.tuple(AuditAction.STARTED, 1, null),
                            org.assertj.core.groups.Tuple.tuple(
                                    AuditAction.RETRY_SCHEDULED, 1, "java.lang.IllegalStateException: first try fails"),
                            org.assertj.core.groups.Tuple.tuple(AuditAction.STARTED, 2, null),
                            org.assertj.core.groups.Tuple.tuple(AuditAction.COMPLETED, 2, null));
            assertThat(trail).allSatisfy(r -> {
                assertThat(r.timestamp()).isEqualTo(T0);
                assertThat(r.eventId()).isEqualTo(event.getEventId());
                assertThat(r.eventType()).isEqualTo("AttemptCreated");
                assertThat(r.handlerName()).isEqualTo("test.flaky");
                assertThat(r.userId()).isEqualTo("cand-5");
            });
        }
    }

    @Test
    void withARealClockEveryTrailStartsWithItsPublishEvenWhenWorkersAreFasterThanThePublisher() {
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(ScriptedHandler.named("quick"))
                .build()) {
            dispatcher.start();
            List<TestEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                TestEvent event = TestEvent.of("Tick", i);
                events.add(event);
                dispatcher.publish(event, null);
            }

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 20);
            for (TestEvent event : events) {
                assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()))
                        .extracting(AuditRecord::action)
                        .containsExactly(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.COMPLETED);
            }
        }
    }

    @Test
    void aFailingAuditLogNeverFailsAPublishOrADelivery() {
        AuditLog broken = new AuditLog() {
            @Override
            public void record(AuditRecord record) {
                throw new IllegalStateException("audit store down");
            }

            @Override
            public List<AuditRecord> findByEventId(UUID eventId) {
                return List.of();
            }
        };
        ScriptedHandler handler = ScriptedHandler.named("unaudited");
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .auditLog(broken)
                .handler(handler)
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("Tick", 1), null);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().completed() == 1);
            assertThat(handler.handleCount()).isEqualTo(1);
            assertThat(dispatcher.getAuditLog()).isSameAs(broken);
        }
    }
}
