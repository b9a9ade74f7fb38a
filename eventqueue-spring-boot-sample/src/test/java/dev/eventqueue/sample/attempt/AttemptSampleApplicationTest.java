package dev.eventqueue.sample.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.sample.AttemptSampleApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sample as a user would drive it: HTTP in, handlers out, Actuator to watch. */
@SpringBootTest(
        classes = {AttemptSampleApplication.class, AttemptSampleApplicationTest.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eventqueue.processing-interval=100ms", "eventqueue.background-interval=100ms"})
class AttemptSampleApplicationTest {

    /** The attempts' clock, moved by the tests; the dispatcher keeps its own. */
    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
        }
    }

    static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventDispatcher dispatcher;

    @Autowired
    SettableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startingAndSubmittingAnAttemptRunsTheHandlers() throws Exception {
        HttpResponse<String> started = post("/attempts", "{\"testId\":\"t-1\",\"candidateId\":\"c-1\"}");
        assertThat(started.statusCode()).isEqualTo(201);
        String attemptId = JSON.readTree(started.body()).get("id").asString();

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.sql("select requested_by from notification where attempt_id = ?")
                                .param(attemptId)
                                .query(String.class)
                                .list())
                        .containsExactly("manager-7"));

        clock.advance(Duration.ofSeconds(620));
        assertThat(post("/attempts/" + attemptId + "/submit", "").statusCode()).isEqualTo(200);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(jdbc.sql("select seconds_spent from attempt_result where attempt_id = ?")
                                        .param(attemptId)
                                        .query(Long.class)
                                        .list())
                                .containsExactly(620L));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(get("/actuator/eventqueue")
                                .get("stats")
                                .get("completed")
                                .asLong())
                        .isGreaterThanOrEqualTo(4));
        assertThat(get("/actuator/health")
                        .get("components")
                        .get("eventqueue")
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }

    @Test
    void aRejectedSubmitPublishesNothing() throws Exception {
        String attemptId = JSON.readTree(post("/attempts", "{\"testId\":\"t-2\",\"candidateId\":\"c-2\"}")
                        .body())
                .get("id")
                .asString();
        clock.advance(Duration.ofSeconds(10));
        assertThat(post("/attempts/" + attemptId + "/submit", "").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(89));
        assertThat(post("/attempts/" + attemptId + "/submit", "").statusCode()).isEqualTo(409);

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(jdbc.sql("select seconds_spent from attempt_result where attempt_id = ?")
                                        .param(attemptId)
                                        .query(Long.class)
                                        .list())
                                .containsExactly(10L));
        assertThat(jdbc.sql(
                                "select count(*) from event_queue where aggregate_id = ? and event_type = 'AttemptSubmitted'")
                        .param(attemptId)
                        .query(Integer.class)
                        .single())
                .as("one entry per handler of the one submit")
                .isEqualTo(2);
        assertThat(dispatcher.getHandlerNames())
                .containsExactlyInAnyOrder("notify-candidate", "grade-attempt", "attempt-audit");
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header("X-User-Id", "manager-7")
                        .header("X-User-Role", "MANAGER")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
