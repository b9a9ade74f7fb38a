package dev.eventqueue.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.testsupport.LogCapture;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Slf4jAuditLogTest {

    @Test
    void writesOneInfoLinePerRecordWithItsFieldsAndKeepsNothing() {
        UUID eventId = UUID.randomUUID();
        Slf4jAuditLog log = Slf4jAuditLog.includingUserIds();
        try (LogCapture capture = LogCapture.of("dev.eventqueue.audit")) {
            log.record(new AuditRecord(
                    Instant.now(),
                    eventId,
                    "AttemptCreated",
                    "com.example.Mailer",
                    AuditAction.FAILED,
                    4,
                    "user-3",
                    "java.io.IOException: smtp down"));
            log.record(new AuditRecord(
                    Instant.now(),
                    eventId,
                    "AttemptCreated",
                    "com.example.Mailer",
                    AuditAction.PUBLISHED,
                    0,
                    null,
                    null));

            assertThat(capture.lines())
                    .containsExactly(
                            "INFO dev.eventqueue.audit audit action=FAILED eventId=" + eventId
                                    + " eventType=AttemptCreated handler=com.example.Mailer attempt=4 userId=user-3"
                                    + " error=java.io.IOException: smtp down",
                            "INFO dev.eventqueue.audit audit action=PUBLISHED eventId=" + eventId
                                    + " eventType=AttemptCreated handler=com.example.Mailer attempt=0 userId=null");
        }
        assertThat(log.findByEventId(eventId)).isEmpty();
    }

    @Test
    void leavesUserIdsOutUnlessAskedAndMasksSecretsInErrors() {
        UUID eventId = UUID.randomUUID();
        try (LogCapture capture = LogCapture.of("dev.eventqueue.audit")) {
            new Slf4jAuditLog()
                    .record(new AuditRecord(
                            Instant.now(),
                            eventId,
                            "AttemptCreated",
                            "com.example.Mailer",
                            AuditAction.FAILED,
                            2,
                            "alice@example.com",
                            "java.io.IOException: login to smtp://mailer:hunter2@mail.example.com failed"));

            assertThat(capture.lines())
                    .containsExactly("INFO dev.eventqueue.audit audit action=FAILED eventId=" + eventId
                            + " eventType=AttemptCreated handler=com.example.Mailer attempt=2"
                            + " error=java.io.IOException: login to smtp://mailer:***@mail.example.com failed");
        }
    }
}
