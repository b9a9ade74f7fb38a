package dev.eventqueue.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.audit.AuditAction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each endpoint of the JSON API over HTTP, served by the JDK server on a real H2 queue. */
class DashboardApiTest {

    private static final String TOKEN = "op-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private ShopQueue queue;
    private DashboardApi api;
    private DashboardHttpServer server;

    @BeforeEach
    void serve() throws IOException {
        queue = ShopQueue.h2().fill();
        api = DashboardApi.builder(queue.repository, queue.auditLog)
                .queueName(queue.table)
                .build();
        server = DashboardHttpServer.start(api, new InetSocketAddress("127.0.0.1", 0), TOKEN);
    }

    @AfterEach
    void stop() throws SQLException {
        server.close();
        api.close();
        queue.close();
    }

    @Test
    void statsCountEntriesByStatusAndTellWhetherTheCallerMayAct() throws Exception {
        JsonNode stats = getJson("api/stats", null, 200);

        assertThat(stats.get("queue").asString()).isEqualTo(queue.table);
        assertThat(stats.get("completed").asLong()).isEqualTo(ShopQueue.PLACED);
        assertThat(stats.get("failed").asLong()).isEqualTo(ShopQueue.CANCELLED);
        assertThat(stats.get("pending").asLong()).isZero();
        assertThat(stats.get("total").asLong()).isEqualTo(ShopQueue.PLACED + ShopQueue.CANCELLED);
        assertThat(stats.get("oldestDueAgeSeconds").isNull()).isTrue();
        assertThat(stats.get("orphans").get("known").asBoolean()).isTrue();
        assertThat(stats.get("operator").asBoolean()).isFalse();
        assertThat(getJson("api/stats", TOKEN, 200).get("operator").asBoolean()).isTrue();
        assertThat(getJson("api/stats", "wrong", 200).get("operator").asBoolean())
                .isFalse();
    }

    @Test
    void handlersShowCountsRatesAndTimesPerHandlerAndEventType() throws Exception {
        JsonNode handlers = getJson("api/handlers", null, 200);

        assertThat(handlers.get("sampled").asBoolean()).isFalse();
        JsonNode rows = handlers.get("handlers");
        assertThat(rows).hasSize(2);
        JsonNode refunds = row(rows, ShopQueue.REFUNDS);
        assertThat(refunds.get("eventType").asString()).isEqualTo("OrderCancelled");
        assertThat(refunds.get("failed").asLong()).isEqualTo(ShopQueue.CANCELLED);
        assertThat(refunds.get("completionRate").asDouble()).isZero();
        assertThat(refunds.get("p50Millis").isNull()).isTrue();
        assertThat(refunds.get("orphan").asBoolean()).isFalse();
        JsonNode shipping = row(rows, ShopQueue.SHIPPING);
        assertThat(shipping.get("completed").asLong()).isEqualTo(ShopQueue.PLACED);
        assertThat(shipping.get("completionRate").asDouble()).isEqualTo(1.0);
        assertThat(shipping.get("p50Millis").asLong()).isNotNegative();
        assertThat(shipping.get("p99Millis").asLong())
                .isGreaterThanOrEqualTo(shipping.get("p50Millis").asLong());
    }

    @Test
    void entriesAreFilteredAndPaged() throws Exception {
        JsonNode all = getJson("api/entries", null, 200);
        assertThat(all.get("total").asLong()).isEqualTo(ShopQueue.PLACED + ShopQueue.CANCELLED);

        JsonNode failed = getJson("api/entries?status=failed&limit=2", null, 200);
        assertThat(failed.get("total").asLong()).isEqualTo(ShopQueue.CANCELLED);
        assertThat(failed.get("entries")).hasSize(2);
        assertThat(failed.get("hasMore").asBoolean()).isTrue();
        assertThat(getJson("api/entries?status=failed&offset=2&limit=2", null, 200)
                        .get("entries"))
                .hasSize(1);

        JsonNode byAggregate = getJson("api/entries?aggregateId=" + ShopQueue.XSS_ORDER, null, 200);
        assertThat(byAggregate.get("total").asLong()).isEqualTo(1);
        assertThat(getJson("api/entries?error=PAYMENT+PROVIDER&handler=" + ShopQueue.REFUNDS, null, 200)
                        .get("total")
                        .asLong())
                .isEqualTo(ShopQueue.CANCELLED);
        assertThat(getJson("api/entries?eventType=OrderPlaced&to=2000-01-01T00:00:00Z", null, 200)
                        .get("total")
                        .asLong())
                .isZero();

        assertThat(getJson("api/entries?status=lost", null, 400).get("error").asString())
                .contains("status must be one of");
        assertThat(getJson("api/entries?from=yesterday", null, 400).get("error").asString())
                .contains("from must be an instant");
        assertThat(getJson("api/entries?limit=0", null, 400).get("error").asString())
                .contains("limit");
    }

    @Test
    void anEntryShowsItsPayloadErrorSiblingsAndAuditTrail() throws Exception {
        String id = getJson("api/entries?aggregateId=" + ShopQueue.XSS_ORDER, null, 200)
                .get("entries")
                .get(0)
                .get("id")
                .asString();

        JsonNode entry = getJson("api/entries/" + id, null, 200);

        assertThat(entry.get("entry").get("status").asString()).isEqualTo("failed");
        assertThat(entry.get("entry").get("error").asString()).contains("payment provider refused the refund");
        assertThat(entry.get("payload").asString()).contains(ShopQueue.XSS_ORDER);
        assertThat(entry.get("siblings")).hasSize(1);
        List<String> actions = new ArrayList<>();
        entry.get("audit").forEach(record -> actions.add(record.get("action").asString()));
        assertThat(actions).contains(AuditAction.PUBLISHED.name(), AuditAction.FAILED.name());

        assertThat(getJson("api/entries/" + UUID.randomUUID(), null, 404)
                        .get("error")
                        .asString())
                .contains("no entry");
        assertThat(getJson("api/entries/not-an-id", null, 400).get("error").asString())
                .contains("UUID");
    }

    @Test
    void nodesListTheRunningDispatchers() throws Exception {
        JsonNode nodes = getJson("api/nodes", null, 200);

        assertThat(nodes.get("nodes")).hasSize(1);
        JsonNode node = nodes.get("nodes").get(0);
        assertThat(node.get("owner").asString()).isEqualTo(ShopQueue.NODE);
        assertThat(node.get("entriesHeld").asLong()).isZero();
        assertThat(node.get("handlers").toString()).contains(ShopQueue.REFUNDS, ShopQueue.SHIPPING);
    }

    @Test
    void seriesHoldsTheSamplesTakenSinceTheStart() throws Exception {
        assertThat(getJson("api/series", null, 200).get("samples")).isEmpty();

        api.sampleSeries();
        api.sampleSeries();

        JsonNode series = getJson("api/series", null, 200);
        assertThat(series.get("samples")).hasSize(1);
        JsonNode sample = series.get("samples").get(0);
        assertThat(sample.get("completedPerMinute").asDouble()).isZero();
        assertThat(sample.get("lagSeconds").asLong()).isZero();
        assertThat(series.get("windowSeconds").asLong()).isEqualTo(3600);
    }

    @Test
    void retryCountsFirstNeedsTheTokenAndRecordsWhoActed() throws Exception {
        String filter = "{\"status\":[\"failed\"],\"handler\":\"" + ShopQueue.REFUNDS + "\"";

        JsonNode dryRun = postJson("api/retry", filter + "}", null, 200);
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("total").asLong()).isEqualTo(ShopQueue.CANCELLED);

        JsonNode refused = postJson("api/retry", filter + ",\"dryRun\":false}", null, 403);
        assertThat(refused.get("error").asString()).startsWith("read-only");
        assertThat(queue.repository.countByStatus().failed()).isEqualTo(ShopQueue.CANCELLED);

        JsonNode done = postJson("api/retry", filter + ",\"dryRun\":false}", TOKEN, 200);
        assertThat(done.get("total").asLong()).isEqualTo(ShopQueue.CANCELLED);
        assertThat(queue.repository.countByStatus().pending()).isEqualTo(ShopQueue.CANCELLED);
        assertThat(queue.repository.countByStatus().failed()).isZero();

        String id = getJson("api/entries?aggregateId=" + ShopQueue.XSS_ORDER, null, 200)
                .get("entries")
                .get(0)
                .get("id")
                .asString();
        JsonNode retried = findAction(getJson("api/entries/" + id, null, 200).get("audit"), "RETRIED_MANUALLY");
        assertThat(retried.get("userId").asString()).startsWith("dashboard:operator (token, 127.0.0.1)");
    }

    @Test
    void purgeDeletesFailedEntriesOnlyForAnOperator() throws Exception {
        assertThat(postJson("api/purge", "{\"dryRun\":false}", null, 403)
                        .get("error")
                        .asString())
                .contains("operator");
        assertThat(postJson("api/purge", "{}", null, 200).get("total").asLong()).isEqualTo(ShopQueue.CANCELLED);

        JsonNode done = postJson("api/purge", "{\"dryRun\":false,\"aggregateId\":\"order-xss\"}", TOKEN, 200);

        assertThat(done.get("failed").asLong()).isEqualTo(1);
        assertThat(queue.repository.countByStatus().failed()).isEqualTo(ShopQueue.CANCELLED - 1);
        assertThat(postJson("api/purge", "{\"status\":[\"completed\"],\"dryRun\":false}", TOKEN, 400)
                        .get("error")
                        .asString())
                .contains("purge deletes failed entries and orphans");
        assertThat(postJson("api/purge", "not json", TOKEN, 400).get("error").asString())
                .contains("JSON");
    }

    @Test
    void unknownPathsAndMethodsAreRefusedAsJson() throws Exception {
        assertThat(getJson("api/nothing", null, 404).get("error").asString()).contains("no such endpoint");
        assertThat(postJson("api/stats", "{}", TOKEN, 405).get("error").asString())
                .contains("not allowed");
        assertThat(postJson("api/entries/x", "{}", TOKEN, 404).get("error").asString())
                .contains("no such endpoint");
    }

    @Test
    void pagesAreServedFromTheJarWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(page.body()).contains("app.js").doesNotContain("http://", "https://");
        assertThat(get("app.js", null).body()).contains("textContent").doesNotContain("innerHTML");
        assertThat(get("app.css", null).statusCode()).isEqualTo(200);
        assertThat(get("../pom.xml", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableDatabaseIsAnsweredWith503AndAReason() throws Exception {
        queue.cutOff();

        JsonNode error = getJson("api/stats", null, 503);

        assertThat(error.get("unavailable").asBoolean()).isTrue();
        assertThat(error.get("error").asString()).startsWith("The queue's database cannot be reached or read");
        assertThat(getJson("api/entries", null, 503).get("unavailable").asBoolean())
                .isTrue();
    }

    private static JsonNode row(JsonNode rows, String handler) {
        for (JsonNode row : rows) {
            if (row.get("handler").asString().equals(handler)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + handler + " in " + rows);
    }

    private static JsonNode findAction(JsonNode audit, String action) {
        for (JsonNode record : audit) {
            if (record.get("action").asString().equals(action)) {
                return record;
            }
        }
        throw new AssertionError("no " + action + " in " + audit);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).GET(), token);
    }

    private JsonNode getJson(String path, String token, int status) throws IOException, InterruptedException {
        return expect(get(path, token), status);
    }

    private JsonNode postJson(String path, String body, String token, int status)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return expect(send(request, token), status);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }
}
