package dev.eventqueue.sample.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.sample.AttemptSampleApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Prometheus scrapes the sample's queue metrics at /actuator/prometheus, as configured in application.properties. */
@SpringBootTest(
        classes = AttemptSampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eventqueue.processing-interval=100ms", "eventqueue.background-interval=100ms"})
class PrometheusEndpointTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theScrapeShowsTheQueueAndItsHandlers() throws Exception {
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(uri("/attempts"))
                        .header("Content-Type", "application/json")
                        .header("X-User-Id", "u-1")
                        .header("X-User-Role", "MANAGER")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"testId\":\"t-1\",\"candidateId\":\"c-1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> scrape = scrape();
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(scrape.body())
                    .contains("# TYPE eventqueue_entries gauge")
                    .containsPattern("(?m)^eventqueue_entries\\{[^}]*status=\"completed\"[^}]*} [1-9]")
                    .containsPattern("(?m)^eventqueue_events_published_total\\{[^}]*} [1-9]")
                    .containsPattern("(?m)^eventqueue_handler_duration_seconds_count\\{[^}]*} [1-9]");
        });
    }

    private HttpResponse<String> scrape() throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
