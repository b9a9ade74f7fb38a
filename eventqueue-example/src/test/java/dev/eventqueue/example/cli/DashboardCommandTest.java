package dev.eventqueue.example.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.jdbc.JdbcAuditLog;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code eventqueue dashboard} serves the dashboard of a database queue until interrupted. */
class DashboardCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void servesTheStatsOfTheQueueAndStopsWhenInterrupted() throws Exception {
        String url = "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName("dash_cli")
                .createSchema(true)
                .build();
        JdbcAuditLog.builder(dataSource)
                .tableName("dash_cli_audit")
                .createSchema(true)
                .build();
        StringWriter out = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread command = new Thread(() -> exitCode.set(EventQueueCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute(
                        "dashboard",
                        "--port",
                        "0",
                        "--json",
                        "--database-url",
                        url,
                        "--table",
                        "dash_cli",
                        "--audit-table",
                        "dash_cli_audit")));
        command.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("\"url\""));
            JsonNode started = JSON.readTree(out.toString());
            assertThat(started.get("table").asString()).isEqualTo("dash_cli");
            assertThat(started.get("url").asString()).startsWith("http://127.0.0.1:");

            HttpResponse<String> stats = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(started.get("url").asString() + "api/stats"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(stats.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(stats.body());
            assertThat(body.get("queue").asString()).isEqualTo("dash_cli");
            assertThat(body.get("total").asLong()).isZero();
            assertThat(body.get("operator").asBoolean()).isFalse();
        } finally {
            command.interrupt();
            command.join(Duration.ofSeconds(30).toMillis());
            repository.close();
        }
        assertThat(exitCode.get()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        StringWriter err = new StringWriter();
        int exitCode = EventQueueCommand.commandLine()
                .setErr(new PrintWriter(err, true))
                .execute("dashboard", "--port", "70000", "--database-url", "jdbc:h2:mem:none");

        assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--port must be between 0 and 65535, but was 70000");
    }
}
