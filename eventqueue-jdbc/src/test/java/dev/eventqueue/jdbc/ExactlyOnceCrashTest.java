package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testdatabases.TestServers;
import dev.eventqueue.testing.events.TestEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once database effects: worker JVMs run a {@link TransactionalEventHandler} that writes
 * one effect row per event, and are killed with SIGKILL at random moments, twenty times, while
 * they hold entries. Once the survivors finished, every event has exactly one effect row: none
 * missing, none doubled.
 */
@Tag("crash")
class ExactlyOnceCrashTest {

    private static final int KILLS = 20;
    private static final int EVENTS_PER_ROUND = 150;
    private static final int WORKERS = 3;
    /**
     * How long after a worker is seen holding entries it is killed, at most: a few handler calls
     * long (each is an insert, 15 ms of work and the commit), so that the kill lands while it holds
     * entries, often inside a transaction, rather than after the round's events are done.
     */
    private static final int MAX_KILL_DELAY_MILLIS = 60;

    /**
     * The test's classpath without what a worker does not load: its own classes, the core and test
     * event classes, the PostgreSQL driver, the pool, Jackson and the SLF4J API (no backend: the
     * worker logs nothing; it prints one line when it runs).
     */
    static final String WORKER_CLASSPATH = workerClasspath(System.getProperty("java.class.path"));

    static String workerClasspath(String classpath) {
        Pattern needed = Pattern.compile(
                "(test-)?classes|(eventqueue-(core|test)-\\d|jackson-|postgresql-|HikariCP-|slf4j-api-)[^/]*\\.jar");
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()
                        && needed.matcher(Path.of(entry).getFileName().toString())
                                .matches())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Worker logs stay under target/ for a look after a failure. */
    private final Path directory = Path.of("target", "exactly-once-crash");

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killedWorkersLeaveNoMissingAndNoDoubledEffects() throws Exception {
        java.nio.file.Files.createDirectories(directory);
        DataSource dataSource = TestDatabases.postgres();
        String table = TestDatabases.uniqueTable("once");
        String effects = table + "_effects";
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        execute(dataSource, "CREATE TABLE " + effects + " (event_id UUID NOT NULL)"); // no key: doubles must show
        List<Process> workers = new ArrayList<>();
        Random random = new Random();
        long started = System.nanoTime();
        int published = 0;
        int killsWhileHolding = 0;
        try (EventDispatcher publisher = ExactlyOnceWorker.dispatcher(dataSource, table, effects, Duration.ZERO)) {
            // Several workers run at once, so that a new JVM's start overlaps the others' work. Each
            // round tops the queue up, kills a worker seen holding entries a random moment later,
            // and starts a replacement.
            List<Process> alive = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                alive.add(startWorker(table, effects, i));
            }
            workers.addAll(alive);
            for (int kill = 0; kill < KILLS; kill++) {
                published += publish(publisher, EVENTS_PER_ROUND);
                Process[] victim = new Process[1];
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> (victim[0] = holdingWorker(dataSource, table, alive, random)) != null);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(MAX_KILL_DELAY_MILLIS + 1)));
                if (heldBy(dataSource, table, victim[0]) > 0) {
                    killsWhileHolding++;
                }
                victim[0].destroyForcibly(); // SIGKILL
                System.out.printf(
                        "Exactly-once crash test: kill %d of worker %d after %d ms%n",
                        kill + 1, victim[0].pid(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertThat(victim[0].waitFor(10, TimeUnit.SECONDS)).isTrue();
                alive.remove(victim[0]);
                if (kill < KILLS - 1) { // the last kill needs no replacement: the in-process dispatcher finishes
                    Process replacement = startWorker(table, effects, WORKERS + kill);
                    alive.add(replacement);
                    workers.add(replacement);
                }
            }
            // The last workers are stopped too; an in-process dispatcher recovers the leases and finishes.
            alive.forEach(Process::destroyForcibly);
            publisher.start();
            int total = published;
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> repository.countByStatus().completed() == total);
            assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, total, 0));

            long rows = count(dataSource, "SELECT COUNT(*) FROM " + effects);
            long distinct = count(dataSource, "SELECT COUNT(DISTINCT event_id) FROM " + effects);
            long missing = total - distinct;
            long doubled = rows - distinct;
            System.out.printf(
                    "Exactly-once crash test: %d events, %d kills (%d while holding entries): %d missing, %d doubled%n",
                    total, KILLS, killsWhileHolding, missing, doubled);
            assertThat(killsWhileHolding)
                    .as("kills that hit a worker holding entries")
                    .isGreaterThanOrEqualTo(KILLS / 2);
            assertThat(missing).as("events without an effect row").isZero();
            assertThat(doubled).as("effect rows written twice").isZero();
        } finally {
            workers.forEach(Process::destroyForcibly);
            for (Process worker : workers) {
                worker.waitFor(10, TimeUnit.SECONDS);
            }
            repository.close();
            TestDatabases.drop(dataSource, table);
            execute(dataSource, "DROP TABLE IF EXISTS " + effects);
        }
    }

    private static int publish(EventDispatcher publisher, int count) {
        List<TestEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(TestEvent.of(ExactlyOnceWorker.TYPE, i));
        }
        publisher.publishAll(events, null);
        return count;
    }

    private Process startWorker(String table, String effects, int index) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A worker JVM's start is most of this test's time: the lean classpath, the client compiler
        // only and no logging keep it short (the test's classpath also holds test frameworks, the
        // embedded database binaries and a logging backend, which a worker does not need).
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx96m",
                "-Xss512k",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-cp",
                WORKER_CLASSPATH,
                ExactlyOnceWorker.class.getName(),
                TestServers.postgres().url(),
                TestServers.postgres().user(),
                table,
                effects);
        File log = directory.resolve("worker-" + index + ".log").toFile();
        return builder.redirectErrorStream(true).redirectOutput(log).start();
    }

    /** A worker, chosen at random, among those that hold entries now; {@code null} when none does. */
    private static Process holdingWorker(DataSource dataSource, String table, List<Process> alive, Random random)
            throws SQLException {
        List<Process> holding = new ArrayList<>();
        for (Process worker : alive) {
            if (heldBy(dataSource, table, worker) > 0) {
                holding.add(worker);
            }
        }
        return holding.isEmpty() ? null : holding.get(random.nextInt(holding.size()));
    }

    /** Entries the worker process holds: its owner id is host:pid:suffix. */
    private static int heldBy(DataSource dataSource, String table, Process worker) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE status = 'processing' AND locked_by LIKE ?")) {
            count.setString(1, "%:" + worker.pid() + ":%");
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static long count(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
