package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import dev.eventqueue.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handler error text is redacted, secret-masked and capped before it is stored, audited or logged. */
class ErrorRedactionTest {

    private static final String CARD = "4111 1111 1111 1111";
    private static final String PASSWORD = "hunter2-planted";

    @Test
    void theRedactorAndSecretMaskingRunBeforeTheErrorIsStoredAuditedOrLogged() {
        ScriptedHandler handler = ScriptedHandler.named("payments")
                .maxRetries(2)
                .onHandle((e, c) -> {
                    throw new IllegalStateException(
                            "card " + CARD + " declined by https://psp.example.com?apiKey=" + PASSWORD + "&id=7");
                });
        InMemoryAuditLog audit = new InMemoryAuditLog();
        TestEvent event = TestEvent.of("Charge", 1);
        try (LogCapture capture = LogCapture.of("dev.eventqueue");
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .handler(handler)
                        .auditLog(audit)
                        .errorRedactor(text -> text.replaceAll("\\d{4} \\d{4} \\d{4} (\\d{4})", "**** **** **** $1"))
                        .build()) {
            dispatcher.start();
            dispatcher.publish(event, null);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !dispatcher.getFailedEntries(10).isEmpty());
            dispatcher.stop();

            QueueEntry failed = dispatcher.getFailedEntries(10).get(0);
            assertThat(failed.error())
                    .isEqualTo("java.lang.IllegalStateException: card **** **** **** 1111 declined by"
                            + " https://psp.example.com?apiKey=***&id=7");
            List<AuditRecord> trail = audit.findByEventId(event.getEventId());
            assertThat(trail).filteredOn(r -> r.error() != null).hasSizeGreaterThanOrEqualTo(2);
            assertThat(trail)
                    .allSatisfy(r -> assertThat(String.valueOf(r.error())).doesNotContain(CARD, PASSWORD));
            assertThat(capture.lines()).anySatisfy(line -> assertThat(line).contains("**** **** **** 1111"));
            assertThat(capture.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf(CARD, PASSWORD));
        }
    }

    @Test
    void aRedactorThatThrowsOrReturnsNullKeepsOnlyExceptionClassNamesAndLongTextIsCut() {
        ScriptedHandler throwing = ScriptedHandler.named("throwing")
                .maxRetries(1)
                .onHandle((e, c) -> {
                    throw new IllegalStateException("card " + CARD, new RuntimeException("x".repeat(10_000)));
                });
        ScriptedHandler longText = ScriptedHandler.named("long").maxRetries(1).onHandle((e, c) -> {
            throw new IllegalStateException("y".repeat(10_000));
        });
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(throwing)
                .errorRedactor(text -> {
                    if (text.contains(CARD)) {
                        throw new IllegalArgumentException("cannot redact " + text);
                    }
                    return text;
                })
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("Charge", 1), null);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !dispatcher.getFailedEntries(10).isEmpty());
            assertThat(dispatcher.getFailedEntries(10).get(0).error())
                    .isEqualTo("java.lang.IllegalStateException / caused by java.lang.RuntimeException");
        }
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(longText)
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("Charge", 2), null);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !dispatcher.getFailedEntries(10).isEmpty());
            assertThat(dispatcher.getFailedEntries(10).get(0).error())
                    .startsWith("java.lang.IllegalStateException: yyy")
                    .hasSize(4000);
        }
    }
}
