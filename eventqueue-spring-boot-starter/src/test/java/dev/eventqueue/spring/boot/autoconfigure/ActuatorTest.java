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
        assertThat(queue.get("config").get("eventqueue.processing-interval").asString())
                .as("the names the application configured")
                .isEqualTo("100");
        assertThat(queue.get("config").has("EVENT_QUEUE_PROCESSING_INTERVAL")).isFalse();
        assertThat(queue.get("orphans").get("known").asBoolean()).isTrue();
        assertThat(queue.get("orphans").get("total").asLong()).isZero();
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
        assertThat(jdbc.sql("select count(*) from " + auditTable
                                + " where action = 'RETRIED_MANUALLY' and event_id = ?")
                        .param(bad.getEventId())
                        .query(Integer.class)
                        .single())
                .as("audit rows in the database")
                .isEqualTo(1);
    }

    @Test
    void badEndpointInputIsRejectedWithBadRequestAndUnknownIdsAreNotFound() throws Exception {
        assertThat(status("/actuator/eventqueue?failedLimit=0")).isEqualTo(400);
        assertThat(status("/actuator/eventqueue/not-a-uuid")).isEqualTo(400);
        assertThat(status("/actuator/eventqueue/entries?status=done")).isEqualTo(400);
        assertThat(status("/actuator/eventqueue/entries?from=yesterday")).isEqualTo(400);
        assertThat(status("/actuator/eventqueue/" + java.util.UUID.randomUUID()))
                .isEqualTo(404);
        assertThat(status("/actuator/eventqueue/entries/" + java.util.UUID.randomUUID()))
                .isEqualTo(404);
    }

    @Test
    void entriesAreFilteredSeenWholeRetriedAndPurgedByFilter() throws Exception {
        OrderPlaced bad = new OrderPlaced("bad-2");
        publisher.publish(bad);
        await().atMost(TIMEOUT)
                .until(() -> dispatcher.getAuditLog().findByEventId(bad.getEventId()).stream()
                        .anyMatch(record -> record.action() == dev.eventqueue.audit.AuditAction.FAILED));

        JsonNode page = get("/actuator/eventqueue/entries?status=failed&aggregateId=bad-2&error=CARD%20DECLINED");
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode listed = page.get("entries").get(0);
        assertThat(listed.get("handler").asString()).isEqualTo(FailingHandler.NAME);
        String entryId = listed.get("id").asString();

        JsonNode entry = get("/actuator/eventqueue/entries/" + entryId);
        assertThat(entry.get("entry").get("status").asString()).isEqualTo("failed");
        assertThat(entry.get("payload").asString()).contains("bad-2");
        List<String> actions = new ArrayList<>();
        entry.get("audit").forEach(record -> actions.add(record.get("action").asString()));
        assertThat(actions).containsSubsequence("PUBLISHED", "STARTED", "FAILED");
        assertThat(entry.get("audit").get(0).has("handler"))
                .as("one audit shape")
                .isTrue();

        String filter = "\"aggregateId\": \"bad-2\", \"handler\": \"" + FailingHandler.NAME + "\"";
        JsonNode dryRun = post("/actuator/eventqueue/retry", "{" + filter + "}");
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("failed").asLong()).isEqualTo(1);
        JsonNode retried = post("/actuator/eventqueue/retry", "{" + filter + ", \"yes\": true}");
        assertThat(retried.get("dryRun").asBoolean()).isFalse();
        assertThat(retried.get("failed").asLong()).isEqualTo(1);
        await().atMost(TIMEOUT)
                .until(() -> dispatcher.getAuditLog().findByEventId(bad.getEventId()).stream()
                                .filter(record -> record.action() == dev.eventqueue.audit.AuditAction.FAILED)
                                .count()
                        == 2);

        assertThat(post("/actuator/eventqueue/purge", "{" + filter + "}")
                        .get("failed")
                        .asLong())
                .isEqualTo(1);
        JsonNode purged = post("/actuator/eventqueue/purge", "{" + filter + ", \"yes\": true}");
        assertThat(purged.get("failed").asLong()).isEqualTo(1);
        assertThat(status("/actuator/eventqueue/entries/" + entryId)).isEqualTo(404);
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST " + path + ": " + response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
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
