package dev.eventqueue.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md's core section and this package one source: every tagged snippet appears in the
 * README verbatim, every Java block of the section is a snippet, the configuration table matches
 * {@link EventQueueConfig}, and the quick start runs end to end.
 */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "dev", "eventqueue", "readme");
    private static final String SECTION_MARKER = "<!-- section: quick start, configuration, core (core helper) -->";
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([a-z-]+)\\[]\\s*$");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyTaggedSnippetAppearsInTheReadmeVerbatimAndEveryJavaBlockIsASnippet() throws IOException {
        Map<String, String> snippets = snippets();
        String section = coreSection();
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(section);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }

        assertThat(snippets)
                .containsKeys(
                        "event-class",
                        "event-record",
                        "aggregate",
                        "repository",
                        "handler",
                        "multi-handler",
                        "handler-options",
                        "dispatcher",
                        "publish",
                        "stats",
                        "retry",
                        "health");
        snippets.forEach((name, code) ->
                assertThat(blocks).as("README block for snippet '%s'", name).contains(code));
        assertThat(snippets.values())
                .as("Java blocks of the README's core section")
                .containsAll(blocks);
    }

    @Test
    void theConfigurationTableListsEveryVariableWithItsDefault() throws IOException {
        String section = coreSection();

        EventQueueConfig.defaults()
                .describe()
                .forEach((variable, value) -> assertThat(section)
                        .as("table row of %s", variable)
                        .contains("| `" + variable + "` | `" + value + "` |"));
    }

    @Test
    void theQuickStartRunsEndToEnd() {
        QuickStartExample example = new QuickStartExample();
        EventQueueConfig fast = EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(20))
                .backgroundInterval(Duration.ofMillis(20))
                .build();
        try {
            example.startDispatcher(fast);
            example.createAndSubmitAnAttempt(); // the mail server is down

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> example.dispatcher.getStats().failed() == 1
                            && example.dispatcher.getStats().completed() == 3);
            example.readStats();
            assertThat(example.stats)
                    .hasToString("QueueStats[pending=0, processing=0, completed=3, failed=1, activeHandlers=0]");
            assertThat(example.answerSheets).containsExactly("attempt-1");
            assertThat(example.auditTrail)
                    .containsExactlyInAnyOrder(
                            "AttemptCreated attempt-1 by candidate-7", "AttemptSubmitted attempt-1 by candidate-7");
            assertThat(example.mail.sent).isEmpty();

            example.mail.up = true;
            example.retryFailedEvents();
            assertThat(example.retried).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> example.dispatcher.getStats().completed() == 4);
            assertThat(example.mail.sent).containsExactly("candidate-7: Attempt attempt-1 was submitted");

            example.checkHealth();
            assertThat(example.health.status()).isEqualTo(HealthReport.Status.UP);
        } finally {
            if (example.dispatcher != null) {
                example.stop();
            }
        }
    }

    /** Tag name to de-indented code, from every source file of this package. */
    private static Map<String, String> snippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher tag = TAG.matcher(lines.get(i));
                    if (tag.matches()) {
                        String name = tag.group(1);
                        int end = lines.indexOf(lines.get(i).replace("tag::", "end::"));
                        assertThat(end).as("end of tag %s in %s", name, file).isGreaterThan(i);
                        assertThat(snippets.put(name, deindent(lines.subList(i + 1, end))))
                                .as("tag %s twice", name)
                                .isNull();
                    }
                }
            }
        }
        return snippets;
    }

    private static String deindent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            code.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return code.toString();
    }

    /** The README text from the core section's marker to the next section marker. */
    private static String coreSection() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(SECTION_MARKER);
        assertThat(start).as("core section marker in README.md").isNotNegative();
        int end = readme.indexOf("<!-- section:", start + SECTION_MARKER.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
