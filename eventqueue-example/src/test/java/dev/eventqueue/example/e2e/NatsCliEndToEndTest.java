package dev.eventqueue.example.e2e;

import static dev.eventqueue.example.e2e.CliEndToEndContract.assertOneLineError;
import static dev.eventqueue.example.e2e.CliEndToEndContract.assertSucceededQuietly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.testdatabases.NatsTestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo and the CLI on the NATS JetStream store, as separate processes against a nats-server
 * this test starts itself: the demo runs with {@code --nats-url}, the commands find the same
 * queue through {@code EVENT_QUEUE_NATS_URL}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatsCliEndToEndTest {

    private static final int ATTEMPTS = CliEndToEndContract.ATTEMPTS;
    private static final int ENTRIES = CliEndToEndContract.ENTRIES;
    private static final int FAILED = CliEndToEndContract.FAILED;
    private static final int COMPLETED = CliEndToEndContract.COMPLETED;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Nothing listens there. */
    private static final String UNREACHABLE = "nats://127.0.0.1:1";

    private NatsTestServers server;
    private Path workDir;
    private CliProcess cli;
    private CliProcess.Result demo;

    @BeforeAll
    void runTheDemoOnJetStream() throws IOException {
        server = NatsTestServers.single();
        workDir = Files.createTempDirectory("eventqueue-e2e-nats-");
        cli = new CliProcess(workDir);
        demo = cli.run(
                "demo", "--nats-url", server.url(), "--attempts", String.valueOf(ATTEMPTS), "--retry-delay-ms", "100");
        cli.env("EVENT_QUEUE_NATS_URL", server.url());
    }

    @AfterAll
    void stopTheServer() throws IOException {
        if (server != null) {
            server.close();
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void theDemoRunsOnJetStreamWithEveryEntryAsIntended() {
        assertSucceededQuietly(demo);
        assertThat(demo.stdout())
                .contains("queue NATS JetStream " + server.url())
                .contains("Demo finished in")
                .containsPattern("total\\s+" + ENTRIES + "\\s+" + COMPLETED + "\\s+" + FAILED + "\\s+" + (3 * ATTEMPTS)
                        + "\\s+" + FAILED)
                .contains("Audit trail of attempt")
                .contains("export EVENT_QUEUE_NATS_URL='" + server.url() + "'")
                .contains(" stats ")
                .doesNotContain("eventqueue-example.jar audit");
        assertThat(Files.exists(workDir.resolve("data")))
                .as("no database file is made")
                .isFalse();
    }

    @Test
    @Order(10)
    void statsAndHealthSeeTheDemosQueueInJetStream() {
        CliProcess.Result text = cli.run("stats");
        assertSucceededQuietly(text);
        assertThat(text.stdout())
                .contains("eventqueue_entries")
                .contains(server.url())
                .containsPattern("completed\\s+" + COMPLETED)
                .containsPattern("failed\\s+" + FAILED)
                .containsPattern("total\\s+" + ENTRIES);

        JsonNode health = json(cli.run("health", "--json"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("failed").asLong()).isEqualTo(FAILED);
    }

    @Test
    @Order(11)
    void failedAndEntriesListTheFailedNotifications() {
        JsonNode failed = json(cli.run("failed", "--json"));
        assertThat(failed.get("totalFailed").asLong()).isEqualTo(FAILED);
        assertThat(failed.get("entries")).hasSize(FAILED).allSatisfy(entry -> {
            assertThat(entry.get("handler").asString()).isEqualTo("NotificationHandler");
            assertThat(entry.get("attempts").asInt()).isEqualTo(3);
            assertThat(entry.get("error").asString()).contains("MailRefusedException");
        });

        CliProcess.Result entries = cli.run("entries", "--status", "failed");
        assertSucceededQuietly(entries);
        assertThat(entries.stdout().lines().filter(line -> line.contains("NotificationHandler")))
                .hasSize(FAILED);
    }

    @Test
    @Order(12)
    void auditSaysTheJetStreamStoreKeepsNoTrail() {
        String eventId = json(cli.run("failed", "--limit", "1", "--json"))
                .get("entries")
                .get(0)
                .get("eventId")
                .asString();
        assertOneLineError(cli.run("audit", eventId), 1, "keeps no audit trail");
    }

    @Test
    @Order(20)
    void retryFailedReturnsFailuresToPendingInTheBucket() {
        JsonNode retried = json(cli.run("retry-failed", "--limit", "2", "--json"));
        assertThat(retried.get("retried").asInt()).isEqualTo(2);
        assertThat(retried.get("stillFailed").asLong()).isEqualTo(FAILED - 2);

        JsonNode stats = json(cli.run("stats", "--json"));
        assertThat(stats.get("pending").asLong()).isEqualTo(2);
        assertThat(stats.get("failed").asLong()).isEqualTo(FAILED - 2);
    }

    @Test
    @Order(25)
    void aBucketPrefixIsAQueueOfItsOwn() {
        CliProcess.Result other =
                cli.run("demo", "--nats-bucket-prefix", "other", "--attempts", "1", "--retry-delay-ms", "100");
        assertSucceededQuietly(other);
        assertThat(other.stdout())
                .contains("buckets other_entries, other_nodes")
                .contains("export EVENT_QUEUE_NATS_URL='" + server.url() + "' EVENT_QUEUE_NATS_BUCKET_PREFIX=other");

        JsonNode otherStats = json(cli.run(Map.of("EVENT_QUEUE_NATS_BUCKET_PREFIX", "other"), "stats", "--json"));
        assertThat(otherStats.get("total").asLong()).isEqualTo(ENTRIES / ATTEMPTS);
        JsonNode defaultStats = json(cli.run("stats", "--json"));
        assertThat(defaultStats.get("total").asLong()).isEqualTo(ENTRIES);

        assertOneLineError(
                cli.run("stats", "--nats-bucket-prefix", "no.dots"), 2, "NATS bucket prefix must be 1 to 64 letters");
    }

    @Test
    @Order(30)
    void anUnreachableServerIsOneClearLineNamingTheUrlWithoutItsCredentials() {
        assertOneLineError(cli.run("stats", "--nats-url", UNREACHABLE), 1, "cannot use NATS at " + UNREACHABLE);
        assertOneLineError(
                cli.run("demo", "--nats-url", UNREACHABLE, "--attempts", "1"), 1, "cannot use NATS at " + UNREACHABLE);

        CliProcess.Result withPassword = cli.run("health", "--nats-url", "nats://alice:s3cret-pw@127.0.0.1:1");
        assertOneLineError(withPassword, 1, "cannot use NATS at nats://");
        assertThat(withPassword.stderr()).contains("@127.0.0.1:1").doesNotContain("s3cret-pw");

        CliProcess.Result withToken =
                cli.run(Map.of("EVENT_QUEUE_NATS_URL", "nats://t0ken-s3cret@127.0.0.1:1"), "stats", "--json");
        assertThat(withToken.exitCode()).as(withToken.toString()).isEqualTo(1);
        assertThat(withToken.stdout()).contains("cannot use NATS at nats://***@127.0.0.1:1");
        assertThat(withToken.stdout() + withToken.stderr()).doesNotContain("t0ken-s3cret");
    }

    @Test
    @Order(31)
    void aBadUrlOrTwoStoresAreUsageErrors() {
        assertOneLineError(cli.run("stats", "--nats-url", "http://127.0.0.1:4222"), 2, "NATS URL must be one or more");
        assertOneLineError(
                cli.run("stats", "--nats-url", "nats://u:hidden-pw@h:4222,"), 2, "NATS URL must be one or more");
        assertThat(cli.run("stats", "--nats-url", "nats://u:hidden-pw@h:4222,").stderr())
                .doesNotContain("hidden-pw");
        assertOneLineError(
                cli.run("stats", "--nats-url", server.url(), "--database-url", "jdbc:h2:mem:x"),
                2,
                "--nats-url and --database-url choose two different stores");
        assertOneLineError(
                cli.run(Map.of("EVENT_QUEUE_DATABASE_URL", "jdbc:h2:mem:x"), "stats"),
                2,
                "EVENT_QUEUE_NATS_URL and EVENT_QUEUE_DATABASE_URL are both set");
        assertOneLineError(
                cli.run("demo", "--in-memory", "--nats-url", server.url()),
                2,
                "--nats-url cannot be used with the in-memory queue");
    }

    @Test
    @Order(32)
    void helpListsTheOptionAndTheVariable() {
        CliProcess.Result main = cli.run("--help");
        assertSucceededQuietly(main);
        assertThat(main.stdout()).contains("EVENT_QUEUE_NATS_URL").contains("--nats-url");
        for (String command : new String[] {"demo", "stats", "failed", "retry-failed"}) {
            CliProcess.Result help = cli.run(command, "--help");
            assertSucceededQuietly(help);
            assertThat(help.stdout()).contains("--nats-url=URL").contains("$EVENT_QUEUE_NATS_URL");
        }
    }

    private static JsonNode json(CliProcess.Result result) {
        assertSucceededQuietly(result);
        return JSON.readTree(result.stdout());
    }
}
