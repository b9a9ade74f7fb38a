package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter workflow through {@link EventQueueOperations}: an application runs a handler that
 * always fails; an older release published entries for a handler it no longer has (orphans).
 */
class OperationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final InMemoryEventQueueRepository store = new InMemoryEventQueueRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedHandler failing = ScriptedHandler.named("payments")
            .maxRetries(0)
            .onHandle((e, c) -> {
                throw new IllegalStateException("Card DECLINED for " + e.getEventType());
            });
    private final List<EventDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void stop() {
        dispatchers.forEach(EventDispatcher::close);
    }

    private EventDispatcher dispatcher(ScriptedHandler... handlers) {
        EventDispatcher.Builder builder = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .repository(store)
                .auditLog(audit);
        for (ScriptedHandler handler : handlers) {
            builder.handler(handler);
        }
        EventDispatcher dispatcher = builder.build();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    /** Three events with an entry for "test.payments" (fails) and one for "test.legacy-mail" (nobody runs it). */
    private EventDispatcher threeFailedAndThreeOrphans() {
        EventDispatcher app = dispatcher(failing);
        app.start();
        EventDispatcher oldRelease =
                dispatcher(ScriptedHandler.named("payments").maxRetries(0), ScriptedHandler.named("legacy-mail"));
        for (int i = 0; i < 3; i++) {
            oldRelease.publish(TestEvent.of("Order", i), null);
        }
        await().atMost(TIMEOUT).until(() -> app.getStats().failed() == 3);
        return app;
    }

    @Test
    void orphansAreCountedNamedAndMakeHealthDegraded() {
        EventDispatcher app = threeFailedAndThreeOrphans();
        EventQueueOperations operations = app.operations();

        await().atMost(TIMEOUT).until(() -> operations.orphans().total() == 3);
        Orphans orphans = operations.orphans();
        assertThat(orphans.byHandler()).isEqualTo(Map.of("test.legacy-mail", 3L));
        assertThat(orphans.runningNodes()).isEqualTo(1);
        assertThat(orphans.runningHandlers()).containsExactly("test.payments");

        HealthReport health = app.getHealth();
        assertThat(health.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(health.details()).containsEntry("orphans", Map.of("test.legacy-mail", 3L));
        assertThat(health.details().get("reasons").toString())
                .contains("3 pending entries wait for handlers no running dispatcher has: test.legacy-mail");

        app.stop();
        assertThat(operations.orphans().known())
                .as("with no dispatcher running, nothing tells orphans from entries waiting for a start")
                .isFalse();
        assertThat(operations.orphans().byHandler()).isEmpty();
    }

    @Test
    void entriesAreFoundByFilterAndSeenWhole() {
        EventDispatcher app = threeFailedAndThreeOrphans();
        EventQueueOperations operations = app.operations();

        EntryFilter declined = EntryFilter.builder()
                .status(EntryStatus.FAILED)
                .errorContains("declined")
                .build();
        EntryPage first = operations.entries(declined, 0, 2);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.entries()).hasSize(2);
        assertThat(operations.entries(declined, first.nextOffset(), 2).entries())
                .hasSize(1);

        QueueEntry failedEntry = first.entries().get(0);
        EntryDetails details = operations.entry(failedEntry.id()).orElseThrow();
        assertThat(details.entry().error()).contains("Card DECLINED for Order");
        assertThat(details.payload()).contains("Order");
        assertThat(details.siblings())
                .extracting(QueueEntry::handlerName)
                .containsExactlyInAnyOrder("test.payments", "test.legacy-mail");
        assertThat(details.audit())
                .extracting(AuditRecord::action)
                .containsSubsequence(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.FAILED);
        assertThat(operations.entry(java.util.UUID.randomUUID())).isEmpty();
    }

    @Test
    void retryByFilterCountsInADryRunThenGivesFailedEntriesTheirAttemptsAgain() {
        EventDispatcher app = threeFailedAndThreeOrphans();
        EventQueueOperations operations = app.operations();
        EntryFilter payments = EntryFilter.builder().handler("test.payments").build();

        assertThat(operations.retry(payments, true)).isEqualTo(new BulkResult(true, 3, 0));
        assertThat(app.getStats().failed()).as("a dry run changes nothing").isEqualTo(3);
        assertThat(failing.calls("handle")).hasSize(3);

        assertThat(operations.retry(payments, false)).isEqualTo(new BulkResult(false, 3, 0));
        await().atMost(TIMEOUT)
                .until(() ->
                        failing.calls("handle").size() == 6 && app.getStats().failed() == 3);
        assertThat(failing.calls("handle"))
                .allSatisfy(call -> assertThat(call.attempt()).isEqualTo(1));
        QueueEntry entry = operations.entries(payments, 0, 1).entries().get(0);
        assertThat(audit.findByEventId(entry.eventId()))
                .extracting(AuditRecord::action)
                .containsSubsequence(AuditAction.FAILED, AuditAction.RETRIED_MANUALLY, AuditAction.STARTED);
        assertThat(operations
                        .retry(EntryFilter.builder().handler("test.legacy-mail").build(), false)
                        .total())
                .as("pending entries are not failed ones")
                .isZero();
    }

    @Test
    void purgeDeletesFailedEntriesAndOrphansOnlyAfterADryRunCountedThem() {
        EventDispatcher app = threeFailedAndThreeOrphans();
        EventQueueOperations operations = app.operations();
        await().atMost(TIMEOUT).until(() -> operations.orphans().total() == 3);
        EntryFilter both = EntryFilter.builder()
                .status(EntryStatus.FAILED, EntryStatus.PENDING)
                .build();

        assertThat(operations.purge(both, true)).isEqualTo(new BulkResult(true, 3, 3));
        assertThat(app.getStats().pending()).isEqualTo(3);
        assertThat(operations.purge(EntryFilter.ALL, true))
                .as("failed entries by default")
                .isEqualTo(new BulkResult(true, 3, 0));

        assertThatThrownBy(() -> operations.purge(
                        EntryFilter.builder().status(EntryStatus.PROCESSING).build(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processing ones never");
        assertThatThrownBy(() -> operations.purge(
                        EntryFilter.builder().status(EntryStatus.COMPLETED).build(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cleanup");

        QueueEntry orphan = operations
                .entries(EntryFilter.builder().handler("test.legacy-mail").build(), 0, 1)
                .entries()
                .get(0);
        assertThat(operations.purge(both, false)).isEqualTo(new BulkResult(false, 3, 3));
        assertThat(app.getStats().pending()).isZero();
        assertThat(app.getStats().failed()).isZero();
        assertThat(operations.orphans().total()).isZero();
        assertThat(app.getHealth().status()).isEqualTo(HealthReport.Status.UP);
        assertThat(audit.findByEventId(orphan.eventId()))
                .filteredOn(record -> record.action() == AuditAction.CLEANED_UP)
                .extracting(AuditRecord::handlerName, AuditRecord::error)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "test.legacy-mail",
                                "purged by an operator: orphan, no running dispatcher has its handler"),
                        org.assertj.core.groups.Tuple.tuple("test.payments", "purged by an operator"));
    }

    @Test
    void orphansAreNotPurgedWhileNoDispatcherRuns() {
        EventDispatcher app = threeFailedAndThreeOrphans();
        app.stop();

        assertThatThrownBy(() -> app.operations()
                        .purge(EntryFilter.builder().status(EntryStatus.PENDING).build(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no running dispatcher is known");
        assertThat(app.getStats().pending()).isEqualTo(3);
    }
}
