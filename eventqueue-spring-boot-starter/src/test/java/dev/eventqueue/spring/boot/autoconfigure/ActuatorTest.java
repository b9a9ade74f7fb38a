package dev.eventqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.JdbcAuditLog;
import dev.eventqueue.spring.SpringEventPublisher;
import dev.eventqueue.spring.boot.fixtures.FailingHandler;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import dev.eventqueue.spring.boot.fixtures.OrderPlacedHandler;
import dev.eventqueue.spring.boot.fixtures.TestApplication;
import dev.eventqueue.spring.boot.fixtures.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The health contribution, the eventqueue endpoint and the metrics endpoint over HTTP, on the JDBC store. */
@SpringBootTest(
        classes = {TestApplication.class, FailingHandler.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eventqueue.processing-interval=100ms",
            "eventqueue.background-interval=100ms",
            "management.endpoints.web.exposure.include=health,eventqueue,metrics",
            "management.endpoint.health.show-details=always",
            "management.simple.metrics.export.enabled=true"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ActuatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase h2 = TestDatabase.h2();
        Map<String, String> properties = h2.properties(h2.server().getPort());
        properties.put("eventqueue.jdbc.audit-log", "true");
        properties.put("eventqueue.jdbc.audit-table-name", properties.get("eventqueue.table-name") + "_audit");
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    SpringEventPublisher publisher;

    @Autowired
    EventDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Value("${eventqueue.jdbc.audit-table-name}")
    String auditTable;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void endpointShowsStatsFailedEntriesAndRetriesThemOnPost() throws Exception {
        OrderPlaced bad = new OrderPlaced("bad-1");
        publisher.publish(bad);
        await().atMost(TIMEOUT).until(() -> dispatcher.getStats().failed() == 1);

        JsonNode queue = get("/actuator/eventqueue");
        assertThat(queue.get("running").asBoolean()).isTrue();
        assertThat(queue.get("stats").get("failed").asLong()).isEqualTo(1);
        assertThat(queue.get("health").get("status").asString()).isIn("UP", "DEGRADED");
        assertThat(names(queue.get("handlers"))).contains(FailingHandler.NAME, OrderPlacedHandler.NAME);
        assertThat(queue.get("config").get("EVENT_QUEUE_PROCESSING_INTERVAL").asString())
                .isEqualTo("100");
        JsonNode failed = queue.get("failed").get(0);
        assertThat(failed.get("handler").asString()).isEqualTo(FailingHandler.NAME);
        assertThat(failed.get("eventId").asString()).isEqualTo(bad.getEventId().toString());
        assertThat(failed.get("eventType").asString()).isEqualTo("OrderPlaced");
        assertThat(failed.get("aggregateId").asString()).isEqualTo("bad-1");
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("error").asString()).contains("IllegalStateException", "card declined for bad-1");
        assertThat(Instant.parse(failed.get("createdAt").asString())).isBeforeOrEqualTo(Instant.now());

        HttpResponse<String> retry = http.send(
                HttpRequest.newBuilder(uri("/actuator/eventqueue"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"limit\": 10}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("retried").asInt()).isEqualTo(1);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode event = get("/actuator/eventqueue/" + bad.getEventId());
            List<String> actions = new ArrayList<>();
            event.get("audit")
                    .forEach(record -> actions.add(record.get("action").asString()));
            assertThat(actions).containsSubsequence("PUBLISHED", "FAILED", "RETRIED_MANUALLY", "FAILED");
        });
        assertThat(dispatcher.getAuditLog()).isInstanceOf(JdbcAuditLog.class);
        assertThat(jdbc.sql("select count(*) from " + auditTable + " where action = 'RETRIED_MANUALLY'")
                        .query(Integer.class)
                        .single())
                .as("audit rows in the database")
                .isEqualTo(1);
    }

    @Test
    void badEndpointInputIsRejectedWithBadRequest() throws Exception {
        assertThat(status("/actuator/eventqueue?failedLimit=0")).isEqualTo(400);
        assertThat(status("/actuator/eventqueue/not-a-uuid")).isEqualTo(400);
    }

    @Test
    void healthShowsTheEventQueueComponentWithDetails() throws Exception {
        JsonNode component = get("/actuator/health").get("components").get("eventqueue");
        assertThat(component.get("status").asString()).isEqualTo("UP");
        assertThat(component.get("details").get("store").asString()).isEqualTo("reachable");
        assertThat(component.get("details").has("oldestDueAgeMs")).isTrue();
    }

    @Test
    void metricsEndpointListsTheHandlerTimerWithItsTags() throws Exception {
        publisher.publish(new OrderPlaced("good-1"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode timer = get("/actuator/metrics/eventqueue.handler.duration");
            List<String> tags = new ArrayList<>();
            timer.get("availableTags").forEach(tag -> tags.add(tag.get("tag").asString()));
            assertThat(tags).contains("handler", "event.type", "outcome", "exception");
        });
        JsonNode completed = get("/actuator/metrics/eventqueue.entries?tag=status:completed");
        assertThat(completed.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET " + path + ": " + response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asString()));
        return names;
    }
}
