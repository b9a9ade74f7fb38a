package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.dispatch.DispatchRuntime;
import dev.eventqueue.dispatch.HandlerRegistry;
import dev.eventqueue.dispatch.Listeners;
import dev.eventqueue.dispatch.RuntimeThreads;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.testing.ScriptedHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every loop survives any failure; should a thread still end, health says DOWN and names it. */
class StoppedThreadHealthTest {

    @Test
    void healthIsDownAndNamesALoopWhoseThreadEnded() throws Exception {
        InMemoryEventQueueRepository repository = new InMemoryEventQueueRepository();
        EventQueueConfig config = EventQueueConfig.defaults();
        DispatchRuntime runtime = new DispatchRuntime(
                config,
                repository,
                new HandlerRegistry(List.of(ScriptedHandler.named("any"))),
                Listeners.of(new InMemoryAuditLog(), Clock.systemUTC(), List.of()),
                () -> {});
        runtime.start();
        try {
            HealthCheck health = new HealthCheck(repository, config);
            assertThat(health.evaluate(runtime).status()).isEqualTo(HealthReport.Status.UP);

            RuntimeThreads.endProcessingLoop(runtime);

            HealthReport report = health.evaluate(runtime);
            assertThat(report.status()).isEqualTo(HealthReport.Status.DOWN);
            assertThat(report.details().get("stoppedThreads"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsOnlyKeys("processingLoop");
            assertThat((List<?>) report.details().get("reasons"))
                    .singleElement()
                    .asString()
                    .startsWith("processingLoop (thread eventqueue-")
                    .endsWith("-processing) has stopped");
            assertThat(runtime.stoppedThreads())
                    .isEqualTo(Map.of(
                            "processingLoop",
                            ((Map<?, ?>) report.details().get("stoppedThreads")).get("processingLoop")));
        } finally {
            runtime.stop();
        }
    }

    @Test
    void healthIsDownAndNamesAThreadOfTheStoreThatEnded() {
        InMemoryEventQueueRepository memory = new InMemoryEventQueueRepository();
        AtomicReference<Map<String, String>> storeThreads = new AtomicReference<>(Map.of());
        EventQueueRepository store = new ForwardingEventQueueRepository(memory) {
            @Override
            public Map<String, String> stoppedThreads() {
                return storeThreads.get();
            }
        };
        HealthCheck health = new HealthCheck(store, EventQueueConfig.defaults());
        assertThat(health.evaluate(null).status()).isEqualTo(HealthReport.Status.UP);

        storeThreads.set(Map.of("relay", "thread store-relay ended by java.lang.OutOfMemoryError: password=hunter2"));

        HealthReport report = health.evaluate(null);
        assertThat(report.status()).isEqualTo(HealthReport.Status.DOWN);
        assertThat(report.details().get("stoppedThreads"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("relay");
        assertThat((List<?>) report.details().get("reasons"))
                .singleElement()
                .asString()
                .startsWith("relay has stopped: thread store-relay ended by java.lang.OutOfMemoryError")
                .doesNotContain("hunter2");
    }
}
