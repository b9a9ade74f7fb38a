package dev.eventqueue.example.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The demo and every CLI command against one database: a subclass per database supplies the
 * connection. One demo run, in a JVM of its own as a user runs it, fills the queue; the read-only
 * commands come first, then the ones that change it (retry, cleanup), in order. The commands run
 * in this JVM ({@link #cli}) except where the process itself is under test ({@link #jvm}): one
 * command per exit code, and --verbose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CliEndToEndContract {

    static final int ATTEMPTS = 5;
    /** Per attempt: created (2 handlers) + 2 answers (audit) + submitted (3 handlers). */
    static final int ENTRIES = ATTEMPTS * 7;

    static final int FAILED = ATTEMPTS;
    static final int COMPLETED = ENTRIES - FAILED;
    static final String SECRET = "pw-" + UUID.randomUUID();

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The processes' working folder (made here: @TempDir fields are not ready in a @BeforeAll). */
    Path workDir;

    /** Runs commands in this JVM. */
    Cli cli;
    /** Runs commands each in a JVM of its own. */
    CliProcess jvm;

    Cli.Result demo;

    /** Options or variables that point the commands at this database and its tables. */
    abstract void connect(Cli runner);

    /** Options appended to every command (tables), after {@link #connect}. */
    abstract List<String> tableOptions();

    /** Options that reach the database when {@link #connect} does not set variables for it. */
    List<String> connectionOptions() {
        return List.of();
    }

    /** The queue table the demo filled. */
    String queueTableName() {
        return "event_queue";
    }

    /** Whether the connection carries {@link #SECRET} as its password (a server that ignores it). */
    boolean passesSecretPassword() {
        return true;
    }

    @BeforeAll
    void runTheDemo() throws IOException {
        workDir = Files.createTempDirectory("eventqueue-e2e-");
        jvm = new CliProcess(workDir);
        connect(jvm);
        cli = new CliInProcess();
        connect(cli);
        demo = jvm.run(db("demo", "--attempts", String.valueOf(ATTEMPTS), "--retry-delay-ms", "100"));
    }

    @AfterAll
    void deleteTheWorkingFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** A command against this database and its tables. */
    String[] db(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(connectionOptions());
        all.addAll(tableOptions());
        return all.toArray(String[]::new);
    }

    /** A command against this database, with tables of its own choosing. */
    String[] conn(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(connectionOptions());
        return all.toArray(String[]::new);
    }

    JsonNode json(Cli.Result result) {
        assertSucceededQuietly(result);
        return JSON.readTree(result.stdout());
    }

    static void assertSucceededQuietly(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
    }

    /** A failure is one line on stderr naming the command, and no stack trace. */
    static void assertOneLineError(Cli.Result result, int exitCode, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.stderrLines())
                .as(result.toString())
                .singleElement()
                .asString()
                .startsWith("eventqueue")
                .contains(message);
        assertThat(result.stderr()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    @Order(1)
    void demoEndsOnItsOwnWithEveryEntryAsIntended() {
        assertSucceededQuietly(demo);
        assertThat(demo.stdout())
                .contains("Demo finished in")
                .containsPattern("total\\s+" + ENTRIES + "\\s+" + COMPLETED + "\\s+" + FAILED + "\\s+" + (3 * ATTEMPTS)
                        + "\\s+" + FAILED)
                .containsPattern("NotificationHandler\\s+200\\s+background\\s+" + ATTEMPTS + "\\s+0\\s+" + ATTEMPTS)
                .containsPattern(
                        "AttemptCreatedHandler\\s+10\\s+background\\s+" + ATTEMPTS + "\\s+" + ATTEMPTS + "\\s+0")
                .contains("Audit trail of attempt")
                .contains("FAILED")
                .contains("RETRY_SCHEDULED")
                .contains(" stats ")
                .contains(" audit ")
                // Progress as plain lines: output is not a terminal.
                .containsPattern("(?m)^attempts \\d+/" + ATTEMPTS + " \\| pending \\d+ \\| processing \\d+")
                .doesNotContain("\033[")
                .doesNotContain(SECRET);
        if (passesSecretPassword()) {
            assertThat(demo.stdout()).contains("export EVENT_QUEUE_DATABASE_PASSWORD=...   # the password (not shown)");
        }
    }

    @Test
    @Order(10)
    void statsCountsEntriesByStatus() {
        Cli.Result text = cli.run(db("stats"));
        assertSucceededQuietly(text);
        assertThat(text.stdout())
                .containsPattern("completed\\s+" + COMPLETED)
                .containsPattern("failed\\s+" + FAILED)
                .containsPattern("total\\s+" + ENTRIES)
                .doesNotContain(SECRET);

        JsonNode stats = json(cli.run(db("stats", "--json")));
        assertThat(stats.get("pending").asLong()).isZero();
        assertThat(stats.get("processing").asLong()).isZero();
        assertThat(stats.get("completed").asLong()).isEqualTo(COMPLETED);
        assertThat(stats.get("failed").asLong()).isEqualTo(FAILED);
        assertThat(stats.get("total").asLong()).isEqualTo(ENTRIES);
    }

    @Test
    @Order(11)
    void healthIsUpAfterTheDemo() {
        Cli.Result text = cli.run(db("health"));
        assertSucceededQuietly(text);
        assertThat(text.stdout()).startsWith("UP").contains("reachable");

        JsonNode health = json(cli.run(db("health", "--json")));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("failed").asLong()).isEqualTo(FAILED);
    }

    @Test
    @Order(12)
    void failedListsTheNotificationEntriesWithTheirLastError() {
        Cli.Result text = cli.run(db("failed"));
        assertSucceededQuietly(text);
        assertThat(text.stdout().lines().filter(line -> line.contains("NotificationHandler")))
                .hasSize(FAILED)
                .allSatisfy(line -> assertThat(line)
                        .contains("AttemptSubmitted")
                        .contains("3/3")
                        .contains("MailRefusedException: mail server refused"));
        assertThat(text.stdout()).contains(FAILED + " of " + FAILED + " failed entries shown");

        JsonNode failed = json(cli.run(db("failed", "--limit", "2", "--json")));
        assertThat(failed.get("totalFailed").asLong()).isEqualTo(FAILED);
        assertThat(failed.get("entries")).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.get("handler").asString()).isEqualTo("NotificationHandler");
            assertThat(entry.get("status").asString()).isEqualTo("failed");
            assertThat(entry.get("attempts").asInt()).isEqualTo(3);
            assertThat(entry.get("maxAttempts").asInt()).isEqualTo(3);
            assertThat(entry.get("error").asString()).contains("NotificationHandler$MailRefusedException");
            assertThat(UUID.fromString(entry.get("eventId").asString())).isNotNull();
        });
    }

    @Test
    @Order(13)
    void auditShowsTheWholeTrailOfOneEvent() {
        String eventId = firstFailedEventId();

        Cli.Result text = cli.run(db("audit", eventId));
        assertSucceededQuietly(text);
        assertThat(text.stdout())
                .contains("Event " + eventId + " (AttemptSubmitted)")
                .containsPattern("ScoringHandler\\s+completed\\s+2/4")
                .containsPattern("NotificationHandler\\s+failed\\s+3/3")
                .contains("RETRY_SCHEDULED")
                .contains("FAILED")
                .contains("candidate-");

        JsonNode audit = json(cli.run(db("audit", eventId, "--json")));
        assertThat(audit.get("entries")).hasSize(3);
        List<String> actions = new ArrayList<>();
        audit.get("audit").forEach(record -> actions.add(record.get("action").asString()));
        // 3 published; audit: started, completed; scoring: 2 x started, retry, completed; notification: 3 x started, 2
        // x retry, failed
        assertThat(actions).hasSize(3 + 2 + 4 + 6);
        assertThat(count(actions, "PUBLISHED")).isEqualTo(3);
        assertThat(count(actions, "STARTED")).isEqualTo(1 + 2 + 3);
        assertThat(count(actions, "COMPLETED")).isEqualTo(2);
        assertThat(count(actions, "RETRY_SCHEDULED")).isEqualTo(1 + 2);
        assertThat(count(actions, "FAILED")).isEqualTo(1);
        assertThat(actions.get(actions.size() - 1)).isIn("FAILED", "COMPLETED");
    }

    @Test
    @Order(14)
    void auditOfAnUnknownEventFails() {
        UUID unknown = UUID.randomUUID();
        assertOneLineError(
                jvm.run(db("audit", unknown.toString())), 1, "no queue entries or audit records for event " + unknown);
    }

    @Test
    @Order(15)
    void entriesAreFilteredAndPaged() {
        JsonNode failed = json(cli.run(db("entries", "--status", "failed", "--json")));
        assertThat(failed.get("total").asLong()).isEqualTo(FAILED);
        assertThat(failed.get("entries"))
                .allSatisfy(entry -> assertThat(entry.get("status").asString()).isEqualTo("failed"));

        JsonNode page = json(cli.run(db("entries", "--handler", "ScoringHandler", "--limit", "2", "--json")));
        assertThat(page.get("total").asLong()).isEqualTo(ATTEMPTS);
        assertThat(page.get("entries")).hasSize(2);
        assertThat(page.get("nextOffset").asInt()).isEqualTo(2);
        JsonNode last = json(cli.run(db("entries", "--handler", "ScoringHandler", "--offset", "4", "--json")));
        assertThat(last.get("entries")).hasSize(ATTEMPTS - 4);
        assertThat(last.get("nextOffset").isNull()).isTrue();

        JsonNode byError =
                json(cli.run(db("entries", "--error", "MAIL SERVER", "--event-type", "AttemptSubmitted", "--json")));
        assertThat(byError.get("total").asLong()).isEqualTo(FAILED);
        JsonNode none = json(
                cli.run(db("entries", "--from", "2000-01-01T00:00:00Z", "--to", "2000-01-02T00:00:00Z", "--json")));
        assertThat(none.get("total").asLong()).isZero();

        Cli.Result text = cli.run(db("entries", "--status", "completed", "--limit", "3"));
        assertSucceededQuietly(text);
        assertThat(text.stdout()).contains("Entries 1-3 of " + COMPLETED + " (next page: --offset 3).");
        assertOneLineError(cli.run(db("entries", "--status", "done")), 2, "--status must be one of");
        assertOneLineError(cli.run(db("entries", "--from", "yesterday")), 2, "--from must be an instant");
    }

    @Test
    @Order(16)
    void entryShowsOneEntryWhole() {
        JsonNode failed = json(cli.run(db("entries", "--status", "failed", "--limit", "1", "--json")));
        String entryId = failed.get("entries").get(0).get("id").asString();
        String eventId = failed.get("entries").get(0).get("eventId").asString();

        JsonNode entry = json(cli.run(db("entry", entryId, "--json")));
        assertThat(entry.get("entry").get("status").asString()).isEqualTo("failed");
        assertThat(entry.get("entry").get("error").asString()).contains("mail server refused");
        assertThat(entry.get("payload").asString()).contains(eventId);
        assertThat(entry.get("entries")).hasSize(3);
        List<String> actions = new ArrayList<>();
        entry.get("audit").forEach(record -> actions.add(record.get("action").asString()));
        assertThat(actions).contains("PUBLISHED", "STARTED", "RETRY_SCHEDULED", "FAILED");

        Cli.Result text = cli.run(db("entry", entryId));
        assertSucceededQuietly(text);
        assertThat(text.stdout())
                .contains("Entry " + entryId + " of event " + eventId + " (AttemptSubmitted)")
                .contains("Payload:")
                .contains("Audit trail of the event");
    }

    @Test
    @Order(17)
    void notFoundIsExitCodeOneAndWithJsonAnErrorObject() {
        UUID unknown = UUID.randomUUID();
        assertOneLineError(cli.run(db("entry", unknown.toString())), 1, "no entry " + unknown);
        Cli.Result json = cli.run(db("audit", unknown.toString(), "--json"));
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode error = JSON.readTree(json.stdout());
        assertThat(error.get("status").asString()).isEqualTo("error");
        assertThat(error.get("exitCode").asInt()).isEqualTo(1);
        assertThat(error.get("error").asString()).contains("no queue entries or audit records for event " + unknown);
    }

    @Test
    @Order(20)
    void retryFailedReturnsTheOldestFailuresToPending() {
        String oldest = firstFailedEventId();
        JsonNode retried = json(cli.run(db("retry-failed", "--limit", "2", "--json")));
        assertThat(retried.get("retried").asInt()).isEqualTo(2);
        assertThat(retried.get("stillFailed").asLong()).isEqualTo(FAILED - 2);

        JsonNode stats = json(cli.run(db("stats", "--json")));
        assertThat(stats.get("pending").asLong()).isEqualTo(2);
        assertThat(stats.get("failed").asLong()).isEqualTo(FAILED - 2);
        JsonNode audit = json(cli.run(db("audit", oldest, "--json")));
        List<String> actions = new ArrayList<>();
        audit.get("audit").forEach(record -> actions.add(record.get("action").asString()));
        assertThat(actions).endsWith("RETRIED_MANUALLY");

        Cli.Result text = cli.run(db("retry-failed", "--limit", "1"));
        assertSucceededQuietly(text);
        assertThat(text.stdout()).contains("Retried 1 failed entry").contains((FAILED - 3) + " failed entries remain");
    }

    @Test
    @Order(21)
    void healthTurnsDegradedWhenTheBacklogIsOlderThanTheThreshold() {
        // The retried entries are due and nobody runs their handlers: with a 1 ms threshold they are too old.
        Cli.Result degraded = jvm.run(Map.of("EVENT_QUEUE_HEALTH_MAX_LAG", "1"), db("health"));
        assertThat(degraded.exitCode()).as(degraded.toString()).isEqualTo(3);
        assertThat(degraded.stdout()).startsWith("DEGRADED").contains("oldest due entry has been due for");
        assertThat(degraded.stderr()).isEmpty();
    }

    @Test
    @Order(22)
    void cleanupDeletesOnlyCompletedEntriesOlderThanTheRetentionAndOnlyWithYes() {
        Cli.Result kept = jvm.run(db("cleanup", "--json"));
        assertThat(kept.exitCode()).as(kept.toString()).isEqualTo(4);
        JsonNode unconfirmed = JSON.readTree(kept.stdout());
        assertThat(unconfirmed.get("status").asString()).isEqualTo("not-confirmed");
        assertThat(unconfirmed.get("exitCode").asInt()).isEqualTo(4);
        assertThat(unconfirmed.get("retentionDays").asInt()).isEqualTo(7);
        assertThat(unconfirmed.get("wouldDelete").asInt()).isZero();
        assertThat(json(cli.run(db("cleanup", "--yes", "--json")))
                        .get("deleted")
                        .asInt())
                .isZero();

        Cli.Result unasked = cli.run(db("cleanup", "--retention-days", "0"));
        assertThat(unasked.exitCode()).as(unasked.toString()).isEqualTo(4);
        assertThat(unasked.stdout())
                .contains("Would have deleted " + COMPLETED + " completed entries")
                .contains("Nothing was changed: add --yes to delete them.");
        Cli.Result dryRun = cli.run(db("cleanup", "--retention-days", "0", "--dry-run"));
        assertSucceededQuietly(dryRun);
        assertThat(json(cli.run(db("stats", "--json"))).get("completed").asLong())
                .isEqualTo(COMPLETED);

        Cli.Result all = cli.run(db("cleanup", "--retention-days", "0", "--yes"));
        assertSucceededQuietly(all);
        assertThat(all.stdout()).contains("Deleted " + COMPLETED + " completed entries");

        JsonNode stats = json(cli.run(db("stats", "--json")));
        assertThat(stats.get("completed").asLong()).isZero();
        assertThat(stats.get("pending").asLong()).isEqualTo(3);
        assertThat(stats.get("failed").asLong()).isEqualTo(FAILED - 3);
    }

    @Test
    @Order(23)
    void retryByFilterShowsADryRunUnlessConfirmed() {
        String[] filter = {"--handler", "NotificationHandler", "--error", "MAIL SERVER refused"};
        Cli.Result unasked = cli.run(db(concat(new String[] {"retry"}, filter)));
        assertThat(unasked.exitCode()).as(unasked.toString()).isEqualTo(4);
        assertThat(unasked.stdout())
                .contains("Would have retried " + (FAILED - 3) + " failed entries")
                .contains("Nothing was changed: add --yes to retry them.");
        JsonNode dryRun = json(cli.run(db(concat(new String[] {"retry", "--dry-run", "--json"}, filter))));
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("failed").asLong()).isEqualTo(FAILED - 3);
        assertThat(json(cli.run(db("stats", "--json"))).get("failed").asLong()).isEqualTo(FAILED - 3);
        assertThat(json(cli.run(db("retry", "--error", "no such error", "--yes", "--json")))
                        .get("failed")
                        .asLong())
                .isZero();

        JsonNode retried = json(cli.run(db(concat(new String[] {"retry", "--yes", "--json"}, filter))));
        assertThat(retried.get("dryRun").asBoolean()).isFalse();
        assertThat(retried.get("failed").asLong()).isEqualTo(FAILED - 3);
        JsonNode stats = json(cli.run(db("stats", "--json")));
        assertThat(stats.get("failed").asLong()).isZero();
        assertThat(stats.get("pending").asLong()).isEqualTo(FAILED);
        assertThat(stats.get("orphans").get("known").asBoolean())
                .as("no dispatcher runs")
                .isFalse();
    }

    @Test
    @Order(24)
    void orphansAreNamedAndPurgedOnlyWhileADispatcherRunsWithoutTheirHandler() throws SQLException {
        Cli.Result refused = cli.run(db("purge", "--orphans", "--yes"));
        assertOneLineError(refused, 1, "no running dispatcher is known");

        // A node of a newer release that no longer has the notification handler.
        try (Connection connection = connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + queueTableName()
                        + "_nodes (owner, handlers, seen_at, alive_until) VALUES (?, ?, ?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            // MariaDB's DATETIME columns hold UTC wall-clock times, as the store writes them.
            boolean wallClock =
                    connection.getMetaData().getDatabaseProductName().matches("(?i).*(mariadb|mysql).*");
            insert.setString(1, "e2e-node:1:abcdef01");
            insert.setString(2, "AttemptAuditHandler\nAttemptCreatedHandler\nScoringHandler");
            insert.setObject(3, wallClock ? now.toLocalDateTime() : now);
            insert.setObject(4, wallClock ? now.plusHours(1).toLocalDateTime() : now.plusHours(1));
            insert.executeUpdate();
        }
        JsonNode orphans = json(cli.run(db("stats", "--json"))).get("orphans");
        assertThat(orphans.get("known").asBoolean()).isTrue();
        assertThat(orphans.get("runningNodes").asInt()).isEqualTo(1);
        assertThat(orphans.get("byHandler").get("NotificationHandler").asLong()).isEqualTo(FAILED);
        Cli.Result stats = cli.run(db("stats"));
        assertThat(stats.stdout())
                .contains("Orphans: " + FAILED + " pending entries of handlers no running dispatcher");

        Cli.Result health = cli.run(db("health", "--json"));
        assertThat(health.exitCode()).as(health.toString()).isEqualTo(3);
        JsonNode degraded = JSON.readTree(health.stdout());
        assertThat(degraded.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(degraded.get("details")
                        .get("orphans")
                        .get("NotificationHandler")
                        .asLong())
                .isEqualTo(FAILED);

        Cli.Result unasked = cli.run(db("purge", "--orphans"));
        assertThat(unasked.exitCode()).as(unasked.toString()).isEqualTo(4);
        assertThat(unasked.stdout()).contains("Would have deleted " + FAILED + " orphaned entries");
        JsonNode dryRun = json(cli.run(db("purge", "--orphans", "--dry-run", "--json")));
        assertThat(dryRun.get("orphans").asLong()).isEqualTo(FAILED);
        assertThat(dryRun.get("failed").asLong()).isZero();
        assertOneLineError(cli.run(db("purge", "--status", "failed")), 2, "not --status");

        JsonNode purged = json(cli.run(db("purge", "--orphans", "--failed", "--yes", "--json")));
        assertThat(purged.get("orphans").asLong()).isEqualTo(FAILED);
        assertThat(purged.get("total").asLong()).isEqualTo(FAILED);
        JsonNode after = json(cli.run(db("stats", "--json")));
        assertThat(after.get("pending").asLong()).isZero();
        assertThat(after.get("orphans").get("total").asLong()).isZero();
    }

    @Test
    @Order(30)
    void aMissingTableIsOneClearLine() {
        assertOneLineError(
                cli.run(conn("stats", "--table", "no_such_queue_table")),
                1,
                "table 'no_such_queue_table' does not exist");
    }

    @Test
    @Order(35)
    void aMissingAuditTableIsOneClearLine() {
        String eventId = UUID.randomUUID().toString();
        Cli.Result result =
                cli.run(conn("audit", eventId, "--table", queueTableName(), "--audit-table", "no_such_audit_table"));
        assertOneLineError(result, 1, "table 'no_such_audit_table' does not exist");
        assertThat(result.stderr()).contains("wrong --audit-table");
    }

    @Test
    @Order(31)
    void badOptionsAreUsageErrors() {
        assertOneLineError(jvm.run(db("stats", "--bogus")), 2, "Unknown option: '--bogus'");
        assertOneLineError(cli.run(db("failed", "--limit", "0")), 2, "--limit must be at least 1");
        assertOneLineError(cli.run(db("cleanup", "--retention-days", "-1")), 2, "--retention-days must be 0 or more");
        Cli.Result notAUuid = cli.run(db("audit", "not-a-uuid"));
        assertOneLineError(notAUuid, 2, "'not-a-uuid' is not an id: expected a UUID such as");
        assertThat(notAUuid.stderr()).doesNotContain("Exception");
        assertOneLineError(cli.run(conn("stats", "--table", "x;drop")), 2, "queue table must be an SQL identifier");
        assertOneLineError(
                cli.run(Map.of("EVENT_QUEUE_RETENTION_DAYS", "-3"), db("cleanup")), 2, "EVENT_QUEUE_RETENTION_DAYS");
    }

    @Test
    @Order(32)
    void everyCommandHasHelp() {
        for (String command : List.of(
                "demo",
                "stats",
                "health",
                "entries",
                "entry",
                "failed",
                "retry",
                "retry-failed",
                "purge",
                "cleanup",
                "audit")) {
            Cli.Result help = cli.run(command, "--help");
            assertSucceededQuietly(help);
            assertThat(help.stdout())
                    .startsWith("Usage: eventqueue " + command)
                    .contains("Exit codes:")
                    .doesNotContain("\033[");
        }
        Cli.Result stats = cli.run("stats", "--help");
        assertThat(stats.stdout())
                .as("an example URL is never wrapped")
                .contains("e.g. jdbc:postgresql://127.0.0.1:5432/test.");
        Cli.Result health = cli.run("health", "--help");
        assertThat(health.stdout())
                .as("a sentence is never split")
                .contains("It says how long the oldest due entry has been due, counted from its due time, never from "
                        + "its creation.");
        Cli.Result main = cli.run("--help");
        assertThat(main.stdout()).contains("4  retry, purge, cleanup without --yes");
    }

    @Test
    @Order(33)
    void anUnreachableDatabaseIsOneClearLineAndVerboseShowsTheStackTrace() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test";
        assertOneLineError(cli.run("stats", "--database-url", unreachable), 1, "cannot connect to " + unreachable);
        assertOneLineError(cli.run("demo", "--database-url", unreachable), 1, "cannot connect to " + unreachable);

        Cli.Result verbose = jvm.run("health", "--database-url", unreachable, "--verbose");
        assertThat(verbose.exitCode()).as(verbose.toString()).isEqualTo(1);
        assertThat(verbose.stderrLines().get(0)).startsWith("eventqueue health: cannot connect to");
        assertThat(verbose.stderr()).contains("\tat ").contains("StoreUnavailableException");
    }

    @Test
    @Order(34)
    void aBadUrlIsOneClearLine() {
        assertOneLineError(
                cli.run("stats", "--database-url", "jdbc:nosuchdb://localhost/x"),
                2,
                "unsupported database URL 'jdbc:nosuchdb://localhost/x'");
        assertOneLineError(
                cli.run("stats", "--database-url", "jdbc:oracle:thin:@//localhost:1521/x"),
                2,
                "unsupported database URL 'jdbc:oracle:thin:@//localhost:1521/x'");
        assertOneLineError(cli.run("stats", "--database-url", "localhost:5432/test"), 2, "must be a JDBC URL");
    }

    @Test
    @Order(36)
    void withJsonAFailureIsOneJsonObjectOnStdout() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test";
        Cli.Result health = cli.run("health", "--database-url", unreachable, "--json");
        assertThat(health.exitCode()).as(health.toString()).isEqualTo(1);
        JsonNode down = JSON.readTree(health.stdout());
        assertThat(down.get("status").asString()).isEqualTo("DOWN");
        assertThat(down.get("exitCode").asInt()).isEqualTo(1);
        assertThat(down.get("error").asString()).contains("cannot connect to " + unreachable);

        JsonNode stats = JSON.readTree(
                cli.run("stats", "--database-url", unreachable, "--json").stdout());
        assertThat(stats.get("status").asString()).isEqualTo("error");
        assertThat(stats.get("exitCode").asInt()).isEqualTo(1);

        Cli.Result usage = cli.run(db("entries", "--limit", "0", "--json"));
        assertThat(usage.exitCode()).isEqualTo(2);
        JsonNode error = JSON.readTree(usage.stdout());
        assertThat(error.get("status").asString()).isEqualTo("error");
        assertThat(error.get("exitCode").asInt()).isEqualTo(2);
        assertThat(error.get("error").asString()).contains("--limit must be at least 1");
    }

    /** A connection of the test's own to this database, as the commands use it. */
    abstract Connection connection() throws SQLException;

    static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    static long count(List<String> values, String value) {
        return values.stream().filter(value::equals).count();
    }

    private String firstFailedEventId() {
        JsonNode failed = json(cli.run(db("failed", "--limit", "1", "--json")));
        return failed.get("entries").get(0).get("eventId").asString();
    }
}
