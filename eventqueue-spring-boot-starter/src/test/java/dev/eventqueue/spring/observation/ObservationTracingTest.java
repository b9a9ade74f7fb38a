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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter with an application's {@link ObservationRegistry} wired to Micrometer Tracing's
 * OpenTelemetry bridge, as Spring Boot wires it: spans come with no eventqueue-specific code.
 */
class ObservationTracingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EventQueueAutoConfiguration.class, EventQueueObservationAutoConfiguration.class))
            .withPropertyValues("eventqueue.processing-interval=50ms")
            .withUserConfiguration(Tracing.class);

    /** What Spring Boot's tracing auto-configuration sets up, by hand, with an in-memory exporter. */
    @Configuration(proxyBeanMethods = false)
    static class Tracing {
        /** One per context: closing a context shuts its exporter down for good. */
        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        OpenTelemetrySdk openTelemetry(InMemorySpanExporter exporter) {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
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
        OtelPropagator propagator(OpenTelemetrySdk openTelemetry) {
            return new OtelPropagator(openTelemetry.getPropagators(), openTelemetry.getTracer("test"));
        }

        /** The starter's linking handler first, as Spring Boot orders the tracing handlers it finds. */
        @Bean
        ObservationRegistry observationRegistry(
                OtelTracer tracer,
                OtelPropagator propagator,
                ObjectProvider<RedeliveryLinkingObservationHandler> links) {
            List<ObservationHandler<?>> handlers = new ArrayList<>();
            links.ifAvailable(handlers::add);
            handlers.add(new PropagatingSenderTracingObservationHandler<>(tracer, propagator));
            handlers.add(new PropagatingReceiverTracingObservationHandler<>(tracer, propagator));
            handlers.add(new DefaultTracingObservationHandler(tracer));
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig()
                    .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(handlers));
            return registry;
        }

        @Bean
        FlakyHandler flakyHandler(OtelTracer tracer) {
            return new FlakyHandler(tracer);
        }
    }

    /** Fails its first attempt (or, once told to, every attempt); records the span current on its thread on each. */
    static class FlakyHandler extends EventHandlerBase<OrderPlaced> {
        final Map<Integer, String> spanIds = new ConcurrentHashMap<>();
        volatile boolean failEveryAttempt;
        volatile int maxRetries = 3;
        private final Tracer tracer;

        FlakyHandler(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public void handle(OrderPlaced event) {
            int attempt = EventContext.current().getAttempt();
            Span current = tracer.currentSpan();
            spanIds.put(attempt, current == null ? "none" : current.context().spanId());
            if (attempt == 1 || failEveryAttempt) {
                throw new IllegalStateException("attempt fails");
            }
        }

        @Override
        public int getMaxRetries() {
            return maxRetries;
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
        runner.run(context -> {
            assertThat(context).hasSingleBean(EventQueueObservationInterceptor.class);
            assertThat(context).hasSingleBean(RedeliveryLinkingObservationHandler.class);
            Tracer tracer = context.getBean(Tracer.class);
            InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
            FlakyHandler handler = context.getBean(FlakyHandler.class);
            Span request = tracer.nextSpan().name("POST /orders").start();
            try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
                context.getBean(EventDispatcher.class).publish(new OrderPlaced("o-1"), null);
            } finally {
                request.end();
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> spansNamed(exporter, "process flaky").size() == 2);
            SpanData publish = spansNamed(exporter, "publish flaky").get(0);
            assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(publish.getTraceId()).isEqualTo(request.context().traceId());
            assertThat(publish.getParentSpanId()).isEqualTo(request.context().spanId());
            assertThat(publish.getAttributes().asMap().toString())
                    .contains("messaging.system=eventqueue", "messaging.destination.name=flaky");

            List<SpanData> attempts = spansNamed(exporter, "process flaky");
            SpanData first = attempts.get(0);
            SpanData retry = attempts.get(1);
            assertThat(first.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(first.getTraceId()).isEqualTo(publish.getTraceId());
            assertThat(first.getParentSpanId()).isEqualTo(publish.getSpanId());
            assertThat(first.getAttributes().asMap().toString())
                    .contains("eventqueue.outcome=retry_scheduled", "eventqueue.attempt=1", "eventqueue.wait_ms=");
            assertThat(retry.getTraceId()).isNotEqualTo(publish.getTraceId());
            assertThat(retry.getParentSpanContext().isValid()).isFalse();
            assertThat(retry.getLinks()).singleElement().satisfies(link -> {
                assertThat(link.getSpanContext().getTraceId()).isEqualTo(publish.getTraceId());
                assertThat(link.getSpanContext().getSpanId()).isEqualTo(publish.getSpanId());
            });
            assertThat(first.getLinks()).isEmpty();
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
    void aRedriveByHandIsANewTraceLinkedToThePublish() {
        runner.run(context -> {
            Tracer tracer = context.getBean(Tracer.class);
            InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
            FlakyHandler handler = context.getBean(FlakyHandler.class);
            handler.failEveryAttempt = true;
            handler.maxRetries = 0;
            EventDispatcher dispatcher = context.getBean(EventDispatcher.class);
            Span request = tracer.nextSpan().name("POST /orders").start();
            try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
                dispatcher.publish(new OrderPlaced("o-2"), null);
            } finally {
                request.end();
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(dispatcher.getStats().failed()).isEqualTo(1));
            assertThat(dispatcher.retryFailedEvents(10)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(spansNamed(exporter, "process flaky")).hasSize(2));

            SpanData publish = spansNamed(exporter, "publish flaky").get(0);
            SpanData redriven = spansNamed(exporter, "process flaky").get(1);
            assertThat(redriven.getAttributes().asMap().toString()).contains("eventqueue.attempt=1");
            assertThat(redriven.getParentSpanContext().isValid()).isFalse();
            assertThat(redriven.getTraceId()).isNotEqualTo(publish.getTraceId());
            assertThat(redriven.getLinks())
                    .singleElement()
                    .satisfies(link ->
                            assertThat(link.getSpanContext().getSpanId()).isEqualTo(publish.getSpanId()));
        });
    }

    @Test
    void noInterceptorWhenSwitchedOff() {
        runner.withPropertyValues("eventqueue.observation.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EventQueueObservationInterceptor.class));
    }

    private static List<SpanData> spansNamed(InMemorySpanExporter exporter, String name) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .sorted(java.util.Comparator.comparing(SpanData::getStartEpochNanos))
                .toList();
    }
}
