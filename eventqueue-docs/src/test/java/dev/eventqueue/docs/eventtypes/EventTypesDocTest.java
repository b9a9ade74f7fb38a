package dev.eventqueue.docs.eventtypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.docs.Documents;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/EVENT-TYPES.md and this package one source (every tagged snippet appears in the
 * document verbatim, every Java block of the document is a snippet), and runs its story on H2: a
 * row written by the first release under the old name and shape is quarantined by a node that
 * cannot read it, then delivered by the release that registers the renamed type and its upcaster.
 */
class EventTypesDocTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyTaggedSnippetAppearsInTheDocumentVerbatimAndEveryJavaBlockIsASnippet() {
        Map<String, String> snippets = Documents.snippets("dev.eventqueue.docs.eventtypes");
        List<String> blocks = Documents.blocks(Documents.read("docs/EVENT-TYPES.md"), "java");

        assertThat(snippets).containsKeys("release-one", "release-two", "annotated-constructor", "upcaster", "redrive");
        snippets.forEach((name, code) ->
                assertThat(blocks).as("block for snippet '%s'", name).contains(code));
        assertThat(snippets.values()).as("Java blocks of the document").containsAll(blocks);
    }

    @Test
    void aRowOfTheFirstReleaseIsQuarantinedThenDeliveredByTheReleaseThatRenamedItsType() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:event-types-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        EventQueueConfig config = EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(20))
                .backgroundInterval(Duration.ofMillis(20))
                .build();
        AnswerChanged written =
                new AnswerChanged(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "a-1", "forty-two");

        try (JdbcEventQueueRepository releaseOneStore = JdbcEventQueueRepository.builder(dataSource)
                        .createSchema(true)
                        .build();
                EventDispatcher releaseOne = EventDispatcher.builder()
                        .repository(releaseOneStore)
                        .handler(new AnswerHandler())
                        .build()) {
            releaseOne.publish(written, null);
        }

        AnswerHandler unconfigured = new AnswerHandler();
        try (JdbcEventQueueRepository store = JdbcEventQueueRepository.create(dataSource);
                EventDispatcher withoutTheType = EventDispatcher.builder()
                        .config(config)
                        .repository(store)
                        .handler(unconfigured)
                        .build()) {
            withoutTheType.start();
            await().atMost(WAIT)
                    .until(() -> store.findByEventId(written.eventId()).get(0).status() == EntryStatus.FAILED);
            assertThat(withoutTheType.getFailedEntries(10, QueueEntry.UNREADABLE_ERROR_PREFIX))
                    .singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.error()).contains("Unknown event type 'AnswerChanged'");
                        assertThat(entry.attempts()).isEqualTo(1);
                    });
            assertThat(unconfigured.handled).isEmpty();
        }

        AnswerHandler handler = new AnswerHandler();
        try (JdbcEventQueueRepository store = JdbcEventQueueRepository.create(dataSource);
                EventDispatcher releaseTwo = ReleaseTwo.dispatcher(store, config, handler)) {
            assertThat(ReleaseTwo.redrive(releaseTwo)).isEqualTo(1);
            GradeGiven grade = new GradeGiven("attempt-9", 87);
            releaseTwo.publish(grade, null);
            releaseTwo.start();

            await().atMost(WAIT).until(() -> handler.handled.size() == 2);
            assertThat(handler.handled)
                    .contains(new AnswerUpdated(written.eventId(), written.occurredAt(), "a-1", "forty-two"));
            assertThat(handler.handled)
                    .filteredOn(GradeGiven.class::isInstance)
                    .singleElement()
                    .satisfies(read -> {
                        assertThat(((GradeGiven) read).getGrade()).isEqualTo(87);
                        assertThat(read.getEventId()).isEqualTo(grade.getEventId());
                        assertThat(read.getEventType()).isEqualTo("GradeGiven");
                    });
        }
    }
}
