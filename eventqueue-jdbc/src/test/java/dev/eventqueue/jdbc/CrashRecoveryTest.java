package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testdatabases.TestServers;
import dev.eventqueue.testing.events.TestEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker JVMs share one PostgreSQL queue; one is killed with SIGKILL while it
 * holds entries. The survivors recover its leases and finish every entry: nothing is lost,
 * nothing stays processing, and the only repeated deliveries are of entries the killed worker held.
 */
class CrashRecoveryTest {

    private static final int ENTRIES = 2_000;
    private static final int WORKERS = 3;
    private static final Pattern ENTRY_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path directory;

    @Test
    @Timeout(240)
    void survivorsFinishEverythingAfterAWorkerIsKilled() throws Exception {
        DataSource dataSource = TestDatabases.postgres();
        String table = TestDatabases.uniqueTable("crash");
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        List<Process> workers = new ArrayList<>();
        try {
            // A publishing node: it knows the handler (for the fan-out) but never runs it.
            try (EventDispatcher publisher = EventDispatcher.builder()
                    .repository(repository)
                    .handler(new CountingHandler(CrashTestWorker.HANDLER, CrashTestWorker.TYPE))
                    .build()) {
                List<TestEvent> events = new ArrayList<>();
                for (int i = 0; i < ENTRIES; i++) {
                    events.add(TestEvent.of(CrashTestWorker.TYPE, i));
                }
                publisher.publishAll(events, null);
            }
            // The victim starts first and must hold entries before the others start, so that a slow
            // JVM start on a loaded machine cannot leave it without work to die with.
            Process victim = startWorker(table, directory.resolve("deliveries-0.txt"), 0);
            workers.add(victim);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> heldBy(dataSource, table, victim) > 0);
            for (int i = 1; i < WORKERS; i++) {
                workers.add(startWorker(table, directory.resolve("deliveries-" + i + ".txt"), i));
            }

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> repository.countByStatus().completed() >= ENTRIES / 5
                            && heldBy(dataSource, table, victim) > 0);
            victim.destroyForcibly();
            assertThat(victim.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            int held = heldBy(dataSource, table, victim);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> repository.countByStatus().completed() == ENTRIES);

            assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 0, ENTRIES, 0));
            Map<String, Integer> deliveries = readDeliveries();
            assertThat(deliveries).as("every entry was delivered").hasSize(ENTRIES);
            int repeated =
                    deliveries.values().stream().mapToInt(count -> count - 1).sum();
            System.out.printf(
                    "Crash test: the killed worker held %d entries; %d deliveries were repeated%n", held, repeated);
            assertThat(held).as("entries the killed worker held when it died").isPositive();
            assertThat(repeated)
                    .as("repeated deliveries (at-least-once), bounded by what the victim held")
                    .isLessThanOrEqualTo(held);
        } finally {
            workers.forEach(Process::destroyForcibly);
            for (Process worker : workers) {
                worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            repository.close();
            TestDatabases.drop(dataSource, table);
        }
    }

    private Process startWorker(String table, Path deliveries, int index) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=America/Sao_Paulo",
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                "-cp",
                System.getProperty("java.class.path"),
                CrashTestWorker.class.getName(),
                TestServers.postgres().url(),
                TestServers.postgres().user(),
                table,
                deliveries.toString(),
                "40");
        File log = directory.resolve("worker-" + index + ".log").toFile();
        return builder.redirectErrorStream(true).redirectOutput(log).start();
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

    private Map<String, Integer> readDeliveries() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < WORKERS; i++) {
            for (String line : Files.readAllLines(directory.resolve("deliveries-" + i + ".txt"))) {
                // The killed worker's last line may be cut short; count only whole entry ids.
                if (ENTRY_ID.matcher(line).matches()) {
                    counts.merge(UUID.fromString(line).toString(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
