package dev.eventqueue.example.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo and the CLI on an H2 file database, as a user without a database server runs them. */
class H2CliEndToEndTest extends CliEndToEndContract {

    @Override
    void connect(Cli runner) {
        // Created by the demo with this user and password, which every later command must present.
        runner.env("EVENT_QUEUE_DATABASE_URL", "jdbc:h2:" + workDir.resolve("queue") + ";AUTO_SERVER=TRUE")
                .env("EVENT_QUEUE_DATABASE_USER", "sa")
                .env("EVENT_QUEUE_DATABASE_PASSWORD", SECRET);
    }

    @Override
    Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:" + workDir.resolve("queue") + ";AUTO_SERVER=TRUE", "sa", SECRET);
    }

    @Override
    List<String> tableOptions() {
        return List.of();
    }

    /**
     * Kept open after the demo, so that the commands run in this JVM join the open database
     * instead of each opening and closing the file; those in a JVM of their own reach it through
     * the automatic server, as a second process does. Opening the file cold is what the demo and
     * the tests with a folder of their own do.
     */
    private Connection heldOpen;

    @BeforeAll
    void keepTheDatabaseOpen() throws SQLException {
        heldOpen = connection();
    }

    @AfterAll
    void closeTheDatabase() throws SQLException {
        if (heldOpen != null) {
            heldOpen.close();
        }
    }

    @Test
    @Order(40)
    void theReadmeFlowUsesTheDefaultFileUnderTheWorkingFolder(@TempDir Path fresh) {
        // Processes: the default file is relative to the working folder, which only a new process can have.
        CliProcess plain = new CliProcess(fresh);

        Cli.Result missing = plain.run("stats");
        assertOneLineError(missing, 1, "does not exist");
        assertThat(missing.stderr())
                .contains("run the demo first")
                .contains("its path is relative to the current folder, so it was looked for at "
                        + fresh.resolve("data/eventqueue-demo.mv.db")
                                .toAbsolutePath()
                                .normalize());
        assertThat(fresh.resolve("data/eventqueue-demo.mv.db")).doesNotExist();

        Cli.Result demo = plain.run("demo", "--attempts", "3", "--retry-delay-ms", "100");
        assertSucceededQuietly(demo);
        assertThat(fresh.resolve("data/eventqueue-demo.mv.db")).exists();
        assertThat(demo.stdout())
                .contains("H2 jdbc:h2:./data/eventqueue-demo")
                .contains("java -jar eventqueue-example/target/eventqueue-example.jar stats ")
                .doesNotContain("export ");

        Cli.Result stats = plain.run("stats", "--json");
        assertSucceededQuietly(stats);
        assertThat(JSON.readTree(stats.stdout()).get("failed").asLong()).isEqualTo(3);
    }

    @Test
    @Order(41)
    void useDatabaseEventQueueFalseRunsInMemory(@TempDir Path fresh) throws Exception {
        // A process, to see that nothing was written under its working folder.
        Cli.Result demo = new CliProcess(fresh)
                .env("USE_DATABASE_EVENT_QUEUE", "false")
                .run("demo", "--attempts", "4", "--retry-delay-ms", "100");

        assertSucceededQuietly(demo);
        assertThat(demo.stdout())
                .contains("queue in memory")
                .containsPattern("total\\s+28\\s+24\\s+4\\s+12\\s+4")
                .contains("The in-memory queue ended with this process");
        try (var files = Files.list(fresh)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.equals("data"));
        }
    }

    @Test
    @Order(42)
    void theDemoTakesTheDatabaseUrlAsAnOptionToo(@TempDir Path fresh) {
        String url = "jdbc:h2:" + fresh.resolve("other") + ";AUTO_SERVER=TRUE";
        Cli.Result demo = new CliProcess(fresh)
                .run(
                        "demo",
                        "--database-url",
                        url,
                        "--attempts",
                        "2",
                        "--table",
                        "my_queue",
                        "--audit-table",
                        "my_audit",
                        "--attempts-table",
                        "my_attempts",
                        "--retry-delay-ms",
                        "100");

        assertSucceededQuietly(demo);
        assertThat(demo.stdout())
                .contains("export EVENT_QUEUE_DATABASE_URL='" + url + "' EVENT_QUEUE_TABLE_NAME=my_queue "
                        + "EVENT_QUEUE_AUDIT_TABLE_NAME=my_audit\n");
        Cli.Result failed = new CliInProcess().run("failed", "--database-url", url, "--table", "my_queue", "--json");
        assertSucceededQuietly(failed);
        assertThat(JSON.readTree(failed.stdout()).get("totalFailed").asLong()).isEqualTo(2);
    }

    @Test
    @Order(43)
    void versionAndHelpInAProcessOfTheirOwn() {
        Cli.Result version = jvm.run("--version");
        assertSucceededQuietly(version);
        assertThat(version.stdout()).startsWith("eventqueue ").contains("0.1.0");

        Cli.Result help = jvm.run("--help");
        assertSucceededQuietly(help);
        assertThat(help.stdout()).startsWith("Usage: eventqueue").contains("Exit codes:");
    }
}
