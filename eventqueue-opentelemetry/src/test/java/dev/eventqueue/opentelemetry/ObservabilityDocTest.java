package dev.eventqueue.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java block of docs/OBSERVABILITY.md is the code below, and it traces a handler. */
class ObservabilityDocTest {

    private static final Path DOC = Path.of("..", "docs", "OBSERVABILITY.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/eventqueue/opentelemetry/ObservabilityDocTest.java");

    static final class UserRegistered extends AbstractDomainEvent {}

    static final class SendWelcomeMail extends EventHandlerBase<UserRegistered> {
        @Override
        public void handle(UserRegistered event) {}

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof UserRegistered;
        }

        @Override
        public String getName() {
            return "send-welcome-mail";
        }
    }

    @Test
    void theDocumentedSetupTracesAHandler() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        EventQueueRepository repository = new InMemoryEventQueueRepository();
        // snippet:start
        EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(repository)
                .handler(new SendWelcomeMail())
                .interceptor(OpenTelemetryInterceptor.create(openTelemetry))
                .build();
        // snippet:end
        try (dispatcher) {
            dispatcher.start();
            dispatcher.publish(new UserRegistered(), null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> exporter.getFinishedSpanItems().stream()
                            .anyMatch(s -> s.getName().equals("process send-welcome-mail")));
        }

        assertThat(javaBlocks(Files.readString(DOC))).contains(snippet());
    }

    private static String snippet() throws Exception {
        String source = Files.readString(SOURCE);
        String body = source.substring(
                source.indexOf("// snippet:start\n") + "// snippet:start\n".length(),
                source.indexOf("        // snippet:end"));
        return body.stripTrailing().stripIndent().strip();
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1).strip());
        }
        return blocks;
    }
}
