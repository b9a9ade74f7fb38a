package dev.eventqueue.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.spring.boot.fixtures.Ledger;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import dev.eventqueue.spring.boot.fixtures.OrderPlacedHandler;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** How the dispatcher's health maps to Actuator statuses, and what Spring Boot then does with them. */
class EventQueueHealthIndicatorTest {

    /** Never started, so the published entry waits past the 1 ms lag threshold: DEGRADED. */
    private final EventDispatcher degraded = EventDispatcher.builder()
            .config(EventQueueConfig.builder()
                    .healthMaxLag(Duration.ofMillis(1))
                    .build())
            .handler(new OrderPlacedHandler(
                    new Ledger(),
                    new StaticListableBeanFactory()
                            .getBeanProvider(dev.eventqueue.spring.boot.fixtures.OrderService.class)))
            .build();

    @Test
    void upIsUpWithTheDispatcherDetails() {
        Health health = new EventQueueHealthIndicator(degraded, "DEGRADED").health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("store", "reachable")
                .containsEntry("running", false)
                .containsKeys("pending", "failed", "oldestDueAgeMs");
    }

    @Test
    void degradedMapsToTheConfiguredStatusWithItsReasons() {
        degraded.publish(new OrderPlaced("o-waiting"), null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> degraded.getHealth().status() == dev.eventqueue.HealthReport.Status.DEGRADED);

        Health byDefault = new EventQueueHealthIndicator(degraded, "DEGRADED").health();
        assertThat(byDefault.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(byDefault.getDetails().get("reasons")).asString().contains("oldest due entry has been due for");
        assertThat(new EventQueueHealthIndicator(degraded, "UP").health().getStatus())
                .isEqualTo(Status.UP);
        assertThat(new EventQueueHealthIndicator(degraded, "OUT_OF_SERVICE")
                        .health()
                        .getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
    }

    /** What the README documents: DEGRADED shows on the component; the overall status needs the order set. */
    @Test
    void springBootRanksDegradedBelowUpUnlessTheStatusOrderNamesIt() {
        Status degradedStatus = new Status("DEGRADED");

        assertThat(new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, degradedStatus)))
                .as("default order")
                .isEqualTo(Status.UP);
        SimpleStatusAggregator ordered =
                new SimpleStatusAggregator("DOWN", "OUT_OF_SERVICE", "DEGRADED", "UP", "UNKNOWN");
        assertThat(ordered.getAggregateStatus(Set.of(Status.UP, degradedStatus)))
                .isEqualTo(degradedStatus);
        assertThat(ordered.getAggregateStatus(Set.of(Status.DOWN, degradedStatus)))
                .isEqualTo(Status.DOWN);
        assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(degradedStatus))
                .isEqualTo(200);
    }
}
