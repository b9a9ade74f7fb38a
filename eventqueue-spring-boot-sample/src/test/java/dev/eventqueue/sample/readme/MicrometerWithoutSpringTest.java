package dev.eventqueue.sample.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptCreated;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.micrometer.EventQueueGauges;
import dev.eventqueue.micrometer.EventQueueMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The "without Spring" metrics snippet of docs/spring-boot.md, verbatim, compiled and run. */
class MicrometerWithoutSpringTest {

    @Test
    void theSnippetRegistersTheMeters() {
        MeterRegistry registry = new SimpleMeterRegistry();
        EventHandlerBase<AttemptCreated> handler = new EventHandlerBase<>() {
            @Override
            public void handle(AttemptCreated event) {}

            @Override
            public boolean canHandle(DomainEvent event) {
                return event instanceof AttemptCreated;
            }
        };

        EventDispatcher dispatcher = EventDispatcher.builder()
                .listener(new EventQueueMetricsListener(registry))
                .handler(handler)
                .build();
        new EventQueueGauges(dispatcher).bindTo(registry);

        dispatcher.publish(new AttemptCreated(null, null, "a-1", "t-1", "c-1", 1), null);
        assertThat(registry.get("eventqueue.entries")
                        .tag("status", "pending")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("eventqueue.events.published").counter().count())
                .isEqualTo(1);
    }
}
