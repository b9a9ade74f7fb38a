package dev.eventqueue.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.spring.boot.autoconfigure.EventQueueAutoConfiguration;
import dev.eventqueue.spring.boot.autoconfigure.EventQueueObservationAutoConfiguration;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter with an application's {@link ObservationRegistry} wired to Micrometer Tracing's
 * OpenTelemetry bridge, as Spring Boot wires it: spans come with no eventqueue-specific code.
 */
class ObservationTracingTest {

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EventQueueAutoConfiguration.class, EventQueueObservationAutoConfiguration.class))
            .withPropertyValues("eventqueue.processing-interval=50ms")
            .withUserConfiguration(Tracing.class);

    /** What Spring Boot's tracing auto-configuration sets up, by hand, with an in-memory exporter. */
    @Configuration(proxyBeanMethods = false)
    static class Tracing {
        @Bean
        OpenTelemetrySdk openTelemetry() {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER))
                            .build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
        }

        @Bean
        OtelTracer tracer(OpenTelemetrySdk openTelemetry) {
            Slf4JEventListener mdc = new Slf4JEventListener();
            return new OtelTracer(openTelemetry.getTracer("test"), new OtelCurrentTraceContext(), mdc::onEvent);
        }

        @Bean
        ObservationRegistry observationRegistry(OpenTelemetrySdk openTelemetry, OtelTracer tracer) {
            OtelPropagator propagator =
                    new OtelPropagator(openTelemetry.getPropagators(), openTelemetry.getTracer("test"));
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig()
                    .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                            new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                            new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                            new DefaultTracingObservationHandler(tracer)));
            return registry;
        }

        @Bean
        FlakyHandler flakyHandler(OtelTracer tracer) {
            return new FlakyHandler(tracer);
        }
    }

    /** Fails its first attempt; records the span current on its thread on each. */
    static class FlakyHandler extends EventHandlerBase<OrderPlaced> {
        final Map<Integer, String> spanIds = new ConcurrentHashMap<>();
        private final Tracer tracer;

        FlakyHandler(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public void handle(OrderPlaced event) {
            int attempt = EventContext.current().getAttempt();
            Span current = tracer.currentSpan();
            spanIds.put(attempt, current == null ? "none" : current.context().spanId());
            if (attempt == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof OrderPlaced;
        }

        @Override
        public Duration getRetryDelay() {
            return Duration.ZERO;
        }

        @Override
        public String getName() {
            return "flaky";
        }
    }

    @Test
    void theHandlerJoinsThePublishersTraceOnItsFirstAttemptAndARetryStartsItsOwn() {
        EXPORTER.reset();
        runner.run(context -> {
            assertThat(context).hasSingleBean(EventQueueObservationInterceptor.class);
            Tracer tracer = context.getBean(Tracer.class);
            FlakyHandler handler = context.getBean(FlakyHandler.class);
            Span request = tracer.nextSpan().name("POST /orders").start();
            try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
                context.getBean(EventDispatcher.class).publish(new OrderPlaced("o-1"), null);
            } finally {
                request.end();
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> spansNamed("process flaky").size() == 2);
            SpanData publish = spansNamed("publish flaky").get(0);
            assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(publish.getTraceId()).isEqualTo(request.context().traceId());
            assertThat(publish.getParentSpanId()).isEqualTo(request.context().spanId());
            assertThat(publish.getAttributes().asMap().toString())
                    .contains("messaging.system=eventqueue", "messaging.destination.name=flaky");

            List<SpanData> attempts = spansNamed("process flaky");
            SpanData first = attempts.get(0);
            SpanData retry = attempts.get(1);
            assertThat(first.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(first.getTraceId()).isEqualTo(publish.getTraceId());
            assertThat(first.getParentSpanId()).isEqualTo(publish.getSpanId());
            assertThat(first.getAttributes().asMap().toString())
                    .contains("eventqueue.outcome=retry_scheduled", "eventqueue.attempt=1", "eventqueue.wait_ms=");
            assertThat(retry.getTraceId()).isNotEqualTo(publish.getTraceId());
            assertThat(retry.getParentSpanContext().isValid()).isFalse();
            assertThat(retry.getAttributes().asMap().toString())
                    .contains(
                            "eventqueue.outcome=completed",
                            "eventqueue.attempt=2",
                            "eventqueue.publish.traceparent=00-" + publish.getTraceId() + "-" + publish.getSpanId());
            assertThat(handler.spanIds)
                    .as("the handler runs with its process span current, so Micrometer Tracing's MDC names it")
                    .containsEntry(1, first.getSpanId())
                    .containsEntry(2, retry.getSpanId());
        });
    }

    @Test
    void noInterceptorWhenSwitchedOff() {
        runner.withPropertyValues("eventqueue.observation.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EventQueueObservationInterceptor.class));
    }

    private static List<SpanData> spansNamed(String name) {
        return EXPORTER.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .sorted(java.util.Comparator.comparing(SpanData::getStartEpochNanos))
                .toList();
    }
}
