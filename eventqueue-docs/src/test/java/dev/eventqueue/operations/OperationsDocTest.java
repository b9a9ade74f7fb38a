package dev.eventqueue.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.BulkResult;
import dev.eventqueue.EntryDetails;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueOperations;
import dev.eventqueue.Orphans;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the Java example of docs/OPERATIONS.md compiling, running, and the same as in the docs. */
class OperationsDocTest {

    private static final Path DOC = Path.of("..", "docs", "OPERATIONS.md");
    private static final Path SOURCE =
            Path.of("src", "test", "java", "dev", "eventqueue", "operations", "OperationsDocTest.java");

    @Test
    void theJavaExampleRunsAndAppearsInTheDocsVerbatim() throws IOException {
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(new PaymentHandler())
                .build()) {
            dispatcher.start();
            dispatcher.publishAll(List.of(TestEvent.of("OrderPlaced", 1), TestEvent.of("OrderPlaced", 2)), null);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dispatcher.getStats().failed() == 2);

            // tag::operations[]
            EventQueueOperations operations = dispatcher.operations();

            EntryFilter declined = EntryFilter.builder()
                    .status(EntryStatus.FAILED)
                    .handler("com.acme.PaymentHandler")
                    .errorContains("card declined")
                    .build();

            EntryPage page = operations.entries(declined, 0, 50); // page.total(), page.hasMore(), page.nextOffset()
            EntryDetails one = operations.entry(page.entries().get(0).id()).orElseThrow();
            // payload, headers, siblings, audit
            BulkResult wouldRetry = operations.retry(declined, true); // dry run: counts
            BulkResult retried = operations.retry(declined, false);

            Orphans orphans = operations.orphans(); // byHandler(), total(), known()
            operations.purge(
                    EntryFilter.builder()
                            .status(EntryStatus.FAILED, EntryStatus.PENDING)
                            .build(),
                    false);
            // end::operations[]

            assertThat(page.total()).isEqualTo(2);
            assertThat(one.audit()).isNotEmpty();
            assertThat(wouldRetry.failed()).isEqualTo(2);
            assertThat(retried.failed()).isEqualTo(2);
            assertThat(orphans.known()).isTrue();
        }
        assertThat(Files.readString(DOC)).contains(snippet());
    }

    /** A payment handler that always fails, as the example's filter expects. */
    static final class PaymentHandler extends EventHandlerBase<TestEvent> {
        @Override
        public void handle(TestEvent event) {
            throw new IllegalStateException("card declined");
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof TestEvent;
        }

        @Override
        public int getMaxRetries() {
            return 0;
        }

        @Override
        public String getName() {
            return "com.acme.PaymentHandler";
        }
    }

    /** The code between the tags, without its indentation. */
    private static String snippet() throws IOException {
        String source = Files.readString(SOURCE);
        String body = source.substring(
                source.indexOf("// tag::operations[]") + "// tag::operations[]".length(),
                source.indexOf("            // end::operations[]"));
        StringBuilder text = new StringBuilder();
        for (String line : body.strip().split("\n", -1)) {
            text.append(line.startsWith("            ") ? line.substring(12) : line.strip())
                    .append('\n');
        }
        return "```java\n" + text;
    }
}
