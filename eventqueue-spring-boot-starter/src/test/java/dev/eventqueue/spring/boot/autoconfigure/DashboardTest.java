package dev.eventqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.spring.boot.fixtures.TestApplication;
import dev.eventqueue.spring.boot.fixtures.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard in a Spring Boot application: served at its path, read-only without the operator token. */
@SpringBootTest(
        classes = TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eventqueue.dashboard.enabled=true",
            "eventqueue.dashboard.path=/ops/queue",
            "eventqueue.dashboard.operator-token=" + DashboardTest.TOKEN
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardTest {

    static final String TOKEN = "dashboard-operator-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase h2 = TestDatabase.h2();
        Map<String, String> properties = h2.properties(h2.server().getPort());
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    EventDispatcher dispatcher;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void statsAnswerAtTheConfiguredPath() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ops/queue/api/stats")), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode stats = JSON.readTree(response.body());
        assertThat(stats.get("queue").asString())
                .isEqualTo(dispatcher.getConfig().tableName());
        assertThat(stats.has("pending")).isTrue();
        assertThat(stats.get("operator").asBoolean()).isFalse();
        assertThat(send(HttpRequest.newBuilder(uri("/ops/queue/")), null).body())
                .contains("app.js");
    }

    @Test
    void actionsAreRefusedWithoutTheTokenAndAllowedWithIt() throws Exception {
        String change = "{\"dryRun\":false}";

        HttpResponse<String> refused = send(post("/ops/queue/api/retry", change), null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("error").asString()).startsWith("read-only");
        assertThat(send(post("/ops/queue/api/purge", change), "wrong-token").statusCode())
                .isEqualTo(403);

        HttpResponse<String> allowed = send(post("/ops/queue/api/retry", change), TOKEN);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(JSON.readTree(allowed.body()).get("by").asString())
                .startsWith("dashboard:")
                .contains("(token, ");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
