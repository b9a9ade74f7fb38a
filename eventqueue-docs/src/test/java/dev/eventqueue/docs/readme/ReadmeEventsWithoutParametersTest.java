package dev.eventqueue.docs.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.docs.Documents;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.serialization.EventTypeNames;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The README's event classes, as a user's plain build compiles them (no {@code -parameters}; this
 * project's own build uses it, so the sources are cut from README.md and compiled here), are
 * published on PostgreSQL and read back with the same values.
 */
class ReadmeEventsWithoutParametersTest {

    private static final Pattern PROGRAM = Pattern.compile("(?m)^public class (\\w+)");

    @TempDir
    Path work;

    @Test
    void everyReadmeEventIsReadBackOnPostgresInABuildWithoutParameters() throws Exception {
        List<String> programs = compileReadmePrograms();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {work.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
            List<Class<? extends DomainEvent>> events = eventClasses(loader, programs);
            assertThat(events)
                    .extracting(Class::getName)
                    .contains("QuickStart$AttemptSubmitted", "PostgresQuickStart$AttemptSubmitted");
            for (Class<? extends DomainEvent> eventClass : events) {
                assertThat(namedParameters(eventClass))
                        .as("parameter names of %s, compiled without -parameters", eventClass.getName())
                        .isEmpty();
                assertReadBackOnPostgres(eventClass);
            }
        }
    }

    /** Cuts every complete program from the README and compiles them together, without {@code -parameters}. */
    private List<String> compileReadmePrograms() throws Exception {
        Path sources = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> programs = new ArrayList<>();
        List<String> arguments = new ArrayList<>(List.of(
                "--release",
                "17",
                "-proc:none",
                "-classpath",
                classpathOf(
                        DomainEvent.class, JdbcEventQueueRepository.class, JsonCreator.class, PGSimpleDataSource.class),
                "-d",
                classes.toString()));
        for (String block : Documents.blocks(Documents.read("README.md"), "java")) {
            Matcher program = PROGRAM.matcher(block);
            if (program.find()) {
                programs.add(program.group(1));
                Path file = sources.resolve(program.group(1) + ".java");
                Files.writeString(file, block);
                arguments.add(file.toString());
            }
        }
        assertThat(arguments).noneMatch(argument -> argument.startsWith("-parameters"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)))
                .as("javac exit code for the README's programs")
                .isZero();
        return programs;
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends DomainEvent>> eventClasses(ClassLoader loader, List<String> programs)
            throws ClassNotFoundException {
        List<Class<? extends DomainEvent>> events = new ArrayList<>();
        for (String program : programs) {
            for (Class<?> nested : loader.loadClass(program).getDeclaredClasses()) {
                if (DomainEvent.class.isAssignableFrom(nested) && !Modifier.isAbstract(nested.getModifiers())) {
                    events.add((Class<? extends DomainEvent>) nested);
                }
            }
        }
        return events;
    }

    private static List<String> namedParameters(Class<?> eventClass) {
        return Arrays.stream(eventClass.getDeclaredConstructors())
                .flatMap(constructor -> Arrays.stream(constructor.getParameters()))
                .filter(Parameter::isNamePresent)
                .map(Parameter::getName)
                .toList();
    }

    /** Publishes one event on one node and reads it on another, each with a store of its own on one table. */
    private static void assertReadBackOnPostgres(Class<? extends DomainEvent> eventClass) throws Exception {
        DataSource dataSource = TestDatabases.postgres();
        String table = TestDatabases.uniqueTable("readme_events");
        String typeName = EventTypeNames.of(eventClass);
        AtomicReference<DomainEvent> delivered = new AtomicReference<>();
        ScriptedHandler handler =
                ScriptedHandler.named("readme").types(typeName).onHandle((event, context) -> delivered.set(event));
        try (JdbcEventQueueRepository publisherStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .createSchema(true)
                        .build();
                JdbcEventQueueRepository consumerStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .build();
                EventDispatcher publisher = EventDispatcher.builder()
                        .repository(publisherStore)
                        .handler(ScriptedHandler.named("readme").types(typeName))
                        .build();
                EventDispatcher consumer = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .repository(consumerStore)
                        .handler(handler)
                        .eventType(eventClass)
                        .build()) {
            DomainEvent published = sample(eventClass);
            publisher.publish(published, null);
            consumer.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() != null);
            DomainEvent read = delivered.get();
            assertThat(read).isNotSameAs(published).isExactlyInstanceOf(eventClass);
            for (Method getter : getters(eventClass)) {
                assertThat(getter.invoke(read))
                        .as("%s.%s() read back", eventClass.getName(), getter.getName())
                        .isEqualTo(getter.invoke(published));
            }
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    /** An event made as a user makes one: through its public constructor with the fewest parameters. */
    private static DomainEvent sample(Class<? extends DomainEvent> eventClass) throws Exception {
        Constructor<?> constructor = Arrays.stream(eventClass.getConstructors())
                .min(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow(() -> new AssertionError(eventClass.getName() + " has no public constructor"));
        Class<?>[] types = constructor.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = sampleValue(types[i], i);
        }
        return (DomainEvent) constructor.newInstance(arguments);
    }

    private static Object sampleValue(Class<?> type, int position) {
        if (type == String.class) {
            return "value-" + position + "-" + UUID.randomUUID();
        }
        if (type == int.class || type == Integer.class) {
            return 80 + position;
        }
        if (type == long.class || type == Long.class) {
            return 80L + position;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == Instant.class) {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
        throw new AssertionError("no sample value for a README event's constructor parameter of type " + type);
    }

    /** The event's public property getters (its id, time and type included). */
    private static List<Method> getters(Class<?> eventClass) {
        List<Method> getters = Arrays.stream(eventClass.getMethods())
                .filter(method -> method.getParameterCount() == 0 && method.getDeclaringClass() != Object.class)
                .filter(method ->
                        method.getName().startsWith("get") || method.getName().startsWith("is"))
                .toList();
        assertThat(getters).extracting(Method::getName).contains("getEventId", "getOccurredAt");
        return getters;
    }

    private static String classpathOf(Class<?>... types) throws Exception {
        List<String> path = new ArrayList<>();
        for (Class<?> type : types) {
            path.add(Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        }
        return String.join(File.pathSeparator, path);
    }
}
