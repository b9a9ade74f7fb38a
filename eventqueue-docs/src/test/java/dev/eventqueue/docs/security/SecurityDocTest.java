package dev.eventqueue.docs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.Slf4jAuditLog;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Runs the examples of docs/SECURITY.md. */
class SecurityDocTest {

    record PaymentRequested(UUID eventId, String cardNumber) implements DomainEvent {
        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return "PaymentRequested";
        }

        @Override
        public Instant getOccurredAt() {
            return Instant.EPOCH;
        }
    }

    static final class PaymentHandler extends EventHandlerBase<PaymentRequested> {
        @Override
        public void handle(PaymentRequested event) {
            throw new IllegalStateException("card " + event.cardNumber() + " declined");
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof PaymentRequested;
        }

        @Override
        public int getMaxRetries() {
            return 0;
        }
    }

    @Test
    void theAuditLogWithUserIdsIsAnSlf4jLogThatKeepsNothing() {
        // tag::audit-user-ids[]
        AuditLog audit = Slf4jAuditLog.includingUserIds(); // log lines then carry the acting user's id
        // end::audit-user-ids[]
        assertThat(audit).isInstanceOf(Slf4jAuditLog.class);
        assertThat(audit.findByEventId(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theRedactorKeepsTheCardNumberOutOfTheStoredError() {
        // tag::error-redactor[]
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(new PaymentHandler())
                .errorRedactor(text -> text.replaceAll("\\b\\d{12,19}\\b", "[card number]"))
                .build();
        // end::error-redactor[]
        try (dispatcher) {
            dispatcher.start();
            dispatcher.publish(new PaymentRequested(UUID.randomUUID(), "4111111111111111"), null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dispatcher.getFailedEntries(1).isEmpty());
            assertThat(dispatcher.getFailedEntries(1).get(0).error())
                    .isEqualTo("java.lang.IllegalStateException: card [card number] declined");
        }
    }
}
