package dev.eventqueue.micrometer;

import static dev.eventqueue.micrometer.EventQueueMeterNames.POLL_ERRORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.micrometer.TestEvents.FlakyShippedHandler;
import dev.eventqueue.micrometer.TestEvents.OrderPlaced;
import dev.eventqueue.micrometer.TestEvents.OrderShipped;
import dev.eventqueue.micrometer.TestEvents.PlacedHandler;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Grafana dashboard shipped in {@code docs/grafana} parses, and every metric its queries name
 * is one this module registers, as Prometheus scrapes it from a dispatcher that has published,
 * retried, failed and lost its store for a while.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "eventqueue-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\beventqueue_[a-z_]+");

    @Test
    void everyMetricTheDashboardQueriesIsOneTheModuleRegisters() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asString());
            }
        }
        assertThat(dashboard.get("title").asString()).isEqualTo("eventqueue");
        assertThat(queries).hasSizeGreaterThan(10);
        Set<String> queried = new TreeSet<>();
        for (String query : queries) {
            Matcher names = METRIC.matcher(query);
            while (names.find()) {
                queried.add(names.group());
            }
        }
        assertThat(queried).contains("eventqueue_lag_seconds");

        Set<String> scraped = scrapeAfterTraffic();

        assertThat(scraped).containsAll(queried);
    }

    /** Metric names (without labels) of a scrape after publishes, a retry, a final failure and a store outage. */
    private static Set<String> scrapeAfterTraffic() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SwitchableStore store = new SwitchableStore();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(20))
                        .build())
                .repository(store.repository())
                .handler(new PlacedHandler())
                .handler(new FlakyShippedHandler(3))
                .listener(new EventQueueMetricsListener(registry))
                .build()) {
            new EventQueueGauges(dispatcher, Duration.ZERO, Tags.empty()).bindTo(registry);
            dispatcher.start();
            dispatcher.publish(new OrderPlaced(), null);
            dispatcher.publish(new OrderShipped(), null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 1
                            && dispatcher.getStats().failed() == 1);

            store.setDown(true);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> registry.find(POLL_ERRORS).counter() != null);
            store.setDown(false);

            String scrape = registry.scrape();
            return scrape.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
