package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event classes compiled the way a plain project compiles them, without {@code -parameters}, on
 * PostgreSQL: records, classes with a no-arg constructor and classes whose constructor parameters
 * are named by annotations are read back; a class with only an unnamed positional constructor is
 * refused when registered or first published, with a message that says how to fix it.
 */
class ReadableWithoutParametersTest {

    private static final String PACKAGE = "compiled.events";

    private static final Map<String, String> SOURCES =
            Map.of("PositionalEvent", """
            package compiled.events;
            public final class PositionalEvent extends dev.eventqueue.domain.AbstractDomainEvent {
                private final String answer;
                public PositionalEvent(java.util.UUID eventId, java.time.Instant occurredAt, String answer) {
                    super(eventId, occurredAt);
                    this.answer = answer;
                }
                public String getAnswer() { return answer; }
            }
            """, "RecordEvent", """
            package compiled.events;
            public record RecordEvent(java.util.UUID eventId, java.time.Instant occurredAt, String answer)
                    implements dev.eventqueue.domain.DomainEvent {
                public java.util.UUID getEventId() { return eventId; }
                public String getEventType() { return "RecordEvent"; }
                public java.time.Instant getOccurredAt() { return occurredAt; }
                public String getAnswer() { return answer; }
            }
            """, "NoArgEvent", """
            package compiled.events;
            public final class NoArgEvent extends dev.eventqueue.domain.AbstractDomainEvent {
                private final String answer;
                private NoArgEvent() { this.answer = null; }
                public NoArgEvent(java.util.UUID eventId, java.time.Instant occurredAt, String answer) {
                    super(eventId, occurredAt);
                    this.answer = answer;
                }
                public String getAnswer() { return answer; }
            }
            """, "AnnotatedEvent", """
            package compiled.events;
            import com.fasterxml.jackson.annotation.JsonCreator;
            import com.fasterxml.jackson.annotation.JsonProperty;
            public final class AnnotatedEvent extends dev.eventqueue.domain.AbstractDomainEvent {
                private final String answer;
                @JsonCreator
                public AnnotatedEvent(@JsonProperty("eventId") java.util.UUID eventId,
                        @JsonProperty("occurredAt") java.time.Instant occurredAt,
                        @JsonProperty("answer") String answer) {
                    super(eventId, occurredAt);
                    this.answer = answer;
                }
                public String getAnswer() { return answer; }
            }
            """);

    @TempDir
    static Path classes;

    private static URLClassLoader loader;
    private static final DataSource DATA_SOURCE = TestDatabases.postgres();
    private static final String TABLE = TestDatabases.uniqueTable("noparams");

    @BeforeAll
    static void compileWithoutParameters() throws Exception {
        Path sources = Files.createDirectories(classes.resolve("src"));
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--release",
                "17",
                "-proc:none",
                "-classpath",
                classpathOf(DomainEvent.class, JsonCreator.class),
                "-d",
                classes.toString()));
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            Path file = sources.resolve(source.getKey() + ".java");
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new)))
                .as("javac exit code")
                .isZero();
        loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, ReadableWithoutParametersTest.class.getClassLoader());
        assertThat(eventClass("PositionalEvent")
                        .getConstructors()[0]
                        .getParameters()[0]
                        .isNamePresent())
                .as("compiled without -parameters")
                .isFalse();
        JdbcEventQueueRepository.builder(DATA_SOURCE).tableName(TABLE).build().createSchemaIfMissing();
    }

    @AfterAll
    static void dropTable() throws Exception {
        TestDatabases.drop(DATA_SOURCE, TABLE);
        loader.close();
    }

    @Test
    void aClassWithOnlyAnUnnamedConstructorIsRefusedWhenRegisteredSayingHowToFixIt() {
        JdbcEventQueueRepository store =
                JdbcEventQueueRepository.builder(DATA_SOURCE).tableName(TABLE).build();
        EventDispatcher.Builder builder =
                EventDispatcher.builder().repository(store).eventType(eventClass("PositionalEvent"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Events of class compiled.events.PositionalEvent could not be read back")
                .hasMessageContaining("no-arg constructor")
                .hasMessageContaining("record")
                .hasMessageContaining("@JsonCreator")
                .hasMessageContaining("-parameters");
        store.close();
    }

    @Test
    void aClassWithOnlyAnUnnamedConstructorIsRefusedOnItsFirstPublishAndNothingIsEnqueued() throws Exception {
        try (JdbcEventQueueRepository store = JdbcEventQueueRepository.builder(DATA_SOURCE)
                        .tableName(TABLE)
                        .build();
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .repository(store)
                        .handler(ScriptedHandler.named("refused"))
                        .build()) {
            DomainEvent event = newEvent("PositionalEvent", "nope");

            assertThatThrownBy(() -> dispatcher.publish(event, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PositionalEvent could not be read back")
                    .hasMessageContaining("-parameters");
            assertThat(store.findByEventId(event.getEventId())).isEmpty();
        }
    }

    @Test
    void recordsNoArgClassesAndAnnotatedConstructorsAreReadBack() throws Exception {
        Map<UUID, DomainEvent> delivered = new ConcurrentHashMap<>();
        ScriptedHandler handler = ScriptedHandler.named("readable")
                .types("RecordEvent", "NoArgEvent", "AnnotatedEvent")
                .onHandle((event, context) -> delivered.put(event.getEventId(), event));
        try (JdbcEventQueueRepository publisherStore = JdbcEventQueueRepository.builder(DATA_SOURCE)
                        .tableName(TABLE)
                        .build();
                JdbcEventQueueRepository consumerStore = JdbcEventQueueRepository.builder(DATA_SOURCE)
                        .tableName(TABLE)
                        .build();
                EventDispatcher publisher = EventDispatcher.builder()
                        .repository(publisherStore)
                        .handler(ScriptedHandler.named("readable").types("RecordEvent", "NoArgEvent", "AnnotatedEvent"))
                        .build();
                EventDispatcher consumer = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .repository(consumerStore)
                        .handler(handler)
                        .eventType(eventClass("RecordEvent"))
                        .eventType(eventClass("NoArgEvent"))
                        .eventType(eventClass("AnnotatedEvent"))
                        .build()) {
            List<DomainEvent> events = List.of(
                    newEvent("RecordEvent", "from a record"),
                    newEvent("NoArgEvent", "through a no-arg constructor"),
                    newEvent("AnnotatedEvent", "through @JsonCreator"));
            publisher.publishAll(events, null);
            consumer.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 3);
            for (DomainEvent published : events) {
                DomainEvent read = delivered.get(published.getEventId());
                assertThat(read.getClass()).isSameAs(published.getClass());
                assertThat(answerOf(read)).isEqualTo(answerOf(published));
                assertThat(read.getOccurredAt()).isEqualTo(published.getOccurredAt());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends DomainEvent> eventClass(String simpleName) {
        try {
            return (Class<? extends DomainEvent>) loader.loadClass(PACKAGE + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainEvent newEvent(String simpleName, String answer) throws Exception {
        return eventClass(simpleName)
                .getConstructor(UUID.class, Instant.class, String.class)
                .newInstance(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), answer);
    }

    private static Object answerOf(DomainEvent event) throws Exception {
        return event.getClass().getMethod("getAnswer").invoke(event);
    }

    private static String classpathOf(Class<?>... types) throws URISyntaxException {
        StringBuilder path = new StringBuilder();
        for (Class<?> type : types) {
            if (path.length() > 0) {
                path.append(File.pathSeparator);
            }
            path.append(Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return path.toString();
    }
}
