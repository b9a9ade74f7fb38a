package dev.eventqueue.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryAuditLogTest {

    private static final UUID EVENT_A = UUID.randomUUID();
    private static final UUID EVENT_B = UUID.randomUUID();

    private static AuditRecord record(UUID eventId, AuditAction action, int second) {
        return new AuditRecord(Instant.EPOCH.plusSeconds(second), eventId, "Tick", "h", action, 0, null, null);
    }

    @Test
    void findsRecordsByEventIdOldestFirst() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        log.record(record(EVENT_A, AuditAction.PUBLISHED, 1));
        log.record(record(EVENT_B, AuditAction.PUBLISHED, 2));
        log.recordAll(List.of(record(EVENT_A, AuditAction.STARTED, 3), record(EVENT_A, AuditAction.COMPLETED, 4)));

        assertThat(log.findByEventId(EVENT_A))
                .extracting(AuditRecord::action)
                .containsExactly(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.COMPLETED);
        assertThat(log.findByEventId(EVENT_B)).hasSize(1);
        assertThat(log.findByEventId(UUID.randomUUID())).isEmpty();
        assertThatThrownBy(() -> log.findByEventId(EVENT_A).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRecordThatArrivesLateIsSortedInByItsTimestamp() {
        InMemoryAuditLog log = new InMemoryAuditLog(3);
        log.record(record(EVENT_A, AuditAction.STARTED, 2)); // a worker was faster than the publisher's audit
        log.record(record(EVENT_A, AuditAction.PUBLISHED, 1));
        log.record(record(EVENT_A, AuditAction.COMPLETED, 2));

        assertThat(log.findByEventId(EVENT_A))
                .extracting(AuditRecord::action)
                .containsExactly(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.COMPLETED);

        log.record(record(EVENT_A, AuditAction.CLEANED_UP, 9)); // evicts the first recorded: STARTED
        assertThat(log.findByEventId(EVENT_A))
                .extracting(AuditRecord::action)
                .containsExactly(AuditAction.PUBLISHED, AuditAction.COMPLETED, AuditAction.CLEANED_UP);
    }

    @Test
    void keepsOnlyTheNewestRecordsUpToItsCapacity() {
        InMemoryAuditLog log = new InMemoryAuditLog(3);
        log.record(record(EVENT_A, AuditAction.PUBLISHED, 1));
        log.record(record(EVENT_B, AuditAction.PUBLISHED, 2));
        log.record(record(EVENT_A, AuditAction.STARTED, 3));
        log.record(record(EVENT_B, AuditAction.STARTED, 4));
        log.record(record(EVENT_A, AuditAction.COMPLETED, 5));

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.findByEventId(EVENT_A))
                .extracting(AuditRecord::action)
                .containsExactly(AuditAction.STARTED, AuditAction.COMPLETED);
        assertThat(log.findByEventId(EVENT_B)).extracting(AuditRecord::action).containsExactly(AuditAction.STARTED);

        log.record(record(EVENT_A, AuditAction.CLEANED_UP, 6));
        log.record(record(EVENT_A, AuditAction.CLEANED_UP, 7));
        assertThat(log.findByEventId(EVENT_B)).as("all of B's records evicted").isEmpty();
        assertThat(log.size()).isEqualTo(3);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new InMemoryAuditLog(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be >= 1, was 0");
    }

    @Test
    void compositeRecordsToEveryLogAndQueriesTheFirst() {
        InMemoryAuditLog queried = new InMemoryAuditLog();
        InMemoryAuditLog other = new InMemoryAuditLog();
        AuditLog composite = AuditLogs.composite(queried, other);

        composite.record(record(EVENT_A, AuditAction.PUBLISHED, 1));
        composite.recordAll(List.of(record(EVENT_A, AuditAction.STARTED, 2)));

        assertThat(queried.size()).isEqualTo(2);
        assertThat(other.size()).isEqualTo(2);
        assertThat(composite.findByEventId(EVENT_A)).isEqualTo(queried.findByEventId(EVENT_A));
        assertThat(AuditLogs.none().findByEventId(EVENT_A)).isEmpty();
    }
}
