package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.RepositoryContractSupport;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Publishes large enough for PostgreSQL's COPY path: every column arrives as written, including
 * text that COPY's format escapes; pairs that exist are skipped as by the array insert; and the
 * rows commit or roll back with the caller's transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgreSqlCopyPublishTest extends RepositoryContractSupport {

    private static final int LARGE = CopyInsert.MIN_ENTRIES + 36;

    private final DataSource dataSource = TestDatabases.Kind.POSTGRESQL.dataSource();
    private final String table = TestDatabases.uniqueTable("copy");
    private JdbcEventQueueRepository current;

    @Override
    protected EventQueueRepository newRepository() {
        if (current != null) {
            current.close();
        }
        current = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        TestDatabases.clear(dataSource, table);
        return current;
    }

    @AfterAll
    void dropTable() {
        if (current != null) {
            current.close();
        }
        TestDatabases.drop(dataSource, table);
    }

    /**
     * Text with every character COPY's text format treats specially, first, inside or last, or
     * with none of them; and some outside ASCII.
     */
    private static String awkward(int i) {
        return switch (i % 3) {
            case 0 -> "a\\b\tc\nd\re \\N \u00e9\u20ac\ud83d\ude00 " + i;
            case 1 -> "\\N\t" + i + " \u00e9\u20ac\ud83d\ude00 plain\r\n";
            default -> "nothing to escape \u00e9\u20ac\ud83d\ude00 " + i;
        };
    }

    private static List<NewQueueEntry> largePublish() {
        List<NewQueueEntry> entries = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            OrderPlacedEvent event = new OrderPlacedEvent(
                    UUID.randomUUID(),
                    BASE.minusSeconds(60),
                    awkward(i),
                    new OrderPlacedEvent.Money(i, "EUR"),
                    List.of(awkward(i), "pen"));
            EntryBuilder entry = entry(event, HANDLER_1).createdAt(at(i)).priority(100 + i % 3);
            if (i % 2 == 0) {
                entry.credentials(new Credentials("user\t" + i, "ROLE\\" + i))
                        .headers(Map.of("trace\tid", awkward(i)))
                        .orderingKey("key\n" + i);
            }
            entries.add(entry.build());
        }
        return entries;
    }

    @Test
    void aLargePublishStoresEveryColumnAsWritten() {
        List<NewQueueEntry> entries = largePublish();

        assertThat(repository.enqueue(entries)).isEqualTo(LARGE);

        List<ClaimedEntry> claimed = claim(at(LARGE), 1000, false, ALL_HANDLERS, OWNER_A);
        assertThat(claimed).hasSize(LARGE);
        Map<UUID, ClaimedEntry> byId =
                claimed.stream().collect(Collectors.toMap(ClaimedEntry::id, Function.identity()));
        for (NewQueueEntry written : entries) {
            ClaimedEntry read = byId.get(written.id());
            assertThat(read.event()).isEqualTo(written.event());
            assertThat(read.eventId()).isEqualTo(written.event().getEventId());
            assertThat(read.handlerName()).isEqualTo(written.handlerName());
            assertThat(read.aggregateId()).isEqualTo(written.event().getAggregateId());
            assertThat(read.credentials()).isEqualTo(written.credentials());
            assertThat(read.headers()).isEqualTo(written.headers());
            assertThat(read.createdAt()).isEqualTo(written.createdAt());
            assertThat(read.maxAttempts()).isEqualTo(written.maxAttempts());
        }
    }

    @Test
    void aLargePublishSkipsPairsThatExistAndInsertsTheRest() {
        List<NewQueueEntry> first = largePublish();
        assertThat(repository.enqueue(first)).isEqualTo(LARGE);

        List<NewQueueEntry> again = new ArrayList<>();
        for (NewQueueEntry entry : first) { // the same events and handlers, as a repeated publish writes them
            again.add(entry(entry.event(), entry.handlerName())
                    .createdAt(entry.createdAt())
                    .build());
        }
        List<NewQueueEntry> fresh = largePublish();
        again.addAll(fresh);

        assertThat(repository.enqueue(again)).isEqualTo(LARGE);
        assertThat(repository.countByStatus().pending()).isEqualTo(2L * LARGE);
        for (NewQueueEntry entry : first) {
            assertThat(stored(entry.event()).id()).isEqualTo(entry.id());
        }
    }

    @Test
    void aLargePublishInTheCallersTransactionSkipsPairsThatExistAndKeepsTheCallersWork() throws Exception {
        List<NewQueueEntry> first = largePublish();
        assertThat(repository.enqueue(first)).isEqualTo(LARGE);
        List<NewQueueEntry> again = new ArrayList<>();
        for (NewQueueEntry entry : first) {
            again.add(entry(entry.event(), entry.handlerName())
                    .createdAt(entry.createdAt())
                    .build());
        }
        again.addAll(largePublish());

        int inserted = JdbcTransactions.callInTransaction(dataSource, connection -> {
            int count = repository.enqueue(again);
            // The caller's transaction is still usable after the rolled-back copy.
            assertThat(repository.enqueue(largePublish())).isEqualTo(LARGE);
            return count;
        });

        assertThat(inserted).isEqualTo(LARGE);
        assertThat(repository.countByStatus().pending()).isEqualTo(3L * LARGE);
    }

    @Test
    void aLargePublishRollsBackWithTheCallersTransaction() {
        List<NewQueueEntry> entries = largePublish();

        assertThatThrownBy(() -> JdbcTransactions.inTransaction(dataSource, connection -> {
                    assertThat(repository.enqueue(entries)).isEqualTo(LARGE);
                    throw new IllegalStateException("the caller's work failed");
                }))
                .hasMessage("the caller's work failed");

        assertThat(repository.countByStatus().pending()).isZero();
        assertThat(repository.enqueue(entries)).isEqualTo(LARGE);
    }
}
