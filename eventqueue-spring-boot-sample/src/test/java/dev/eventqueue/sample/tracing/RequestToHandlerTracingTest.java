package dev.eventqueue.sample.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptCreated;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.sample.AttemptSampleApplication;
import dev.eventqueue.sample.attempt.AttemptAuditHandler;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The sample with Micrometer Tracing on the OpenTelemetry SDK, as configured in its
 * application.properties, spans kept in memory: an HTTP request that publishes and the handlers
 * that run later share one trace, and a retry starts a trace of its own linked to the publish.
 */
@SpringBootTest(
        classes = {AttemptSampleApplication.class, RequestToHandlerTracingTest.Spans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eventqueue.processing-interval=100ms",
            "eventqueue.background-interval=100ms",
            // Finished spans reach the exporter within 100 ms instead of the default 5 s.
            "management.opentelemetry.tracing.export.schedule-delay=100ms"
        })
@AutoConfigureTracing
class RequestToHandlerTracingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TestConfiguration
    static class Spans {
        /** Picked up by Spring Boot's span processor instead of an OTLP exporter. */
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        FailsOnceHandler failsOnceHandler() {
            return new FailsOnceHandler();
        }
    }

    /** Its first attempt at each event fails, so each event is retried once. */
    static class FailsOnceHandler extends EventHandlerBase<AttemptCreated> {
        @Override
        public void handle(AttemptCreated event) {
            if (EventContext.current().getAttempt() == 1) {
                throw new IllegalStateException("mail server not reachable");
            }
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof AttemptCreated;
        }

        @Override
        public Duration getRetryDelay() {
            return Duration.ZERO;
        }

        @Override
        public String getName() {
            return "welcome-mail";
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter spans;

    private final ListAppender<ILoggingEvent> auditLog = new ListAppender<>();

    @BeforeEach
    void captureTheAuditHandlersLog() {
        auditLog.start();
        ((Logger) LoggerFactory.getLogger(AttemptAuditHandler.class)).addAppender(auditLog);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(AttemptAuditHandler.class)).detachAppender(auditLog);
    }

    @Test
    void theRequestThePublishAndTheHandlerShareOneTraceAndTheHandlersLogNamesIt() throws Exception {
        String attemptId = startAttempt("c-trace");

        await().atMost(TIMEOUT).until(() -> spansNamed("process attempt-audit").size() == 1);
        SpanData request = serverSpan();
        SpanData publish = spansNamed("publish attempt-audit").get(0);
        SpanData process = spansNamed("process attempt-audit").get(0);

        assertThat(publish.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(process.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getAttributes().asMap().toString())
                .contains("eventqueue.outcome=completed", "messaging.destination.name=attempt-audit");

        ILoggingEvent line = auditLog.list.stream()
                .filter(event -> event.getFormattedMessage().contains(attemptId))
                .findFirst()
                .orElseThrow();
        assertThat(line.getMDCPropertyMap())
                .containsEntry("traceId", request.getTraceId())
                .containsEntry("spanId", process.getSpanId())
                .containsEntry("eventqueue.handler", "attempt-audit");
    }

    @Test
    void aRetryStartsANewTraceLinkedToThePublish() throws Exception {
        startAttempt("c-retry");

        await().atMost(TIMEOUT).until(() -> spansNamed("process welcome-mail").size() == 2);
        SpanData request = serverSpan();
        SpanData publish = spansNamed("publish welcome-mail").get(0);
        SpanData first = spansNamed("process welcome-mail").get(0);
        SpanData retry = spansNamed("process welcome-mail").get(1);

        assertThat(first.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(first.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(first.getAttributes().asMap().toString()).contains("eventqueue.outcome=retry_scheduled");

        assertThat(retry.getParentSpanContext().isValid()).as("a root").isFalse();
        assertThat(retry.getTraceId()).isNotEqualTo(request.getTraceId());
        assertThat(retry.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(publish.getTraceId());
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(publish.getSpanId());
        });
        assertThat(retry.getAttributes().asMap().toString())
                .contains("eventqueue.attempt=2", "eventqueue.outcome=completed");
    }

    /** Starts an attempt over HTTP; returns its id. */
    private String startAttempt(String candidate) throws Exception {
        spans.reset();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/attempts"))
                                .header("Content-Type", "application/json")
                                .header("X-User-Id", "manager-7")
                                .header("X-User-Role", "MANAGER")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"testId\":\"t-1\",\"candidateId\":\"" + candidate + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("id")
                .asString();
    }

    private SpanData serverSpan() {
        await().atMost(TIMEOUT)
                .until(() -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst()
                .orElseThrow();
    }

    private List<SpanData> spansNamed(String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .sorted(Comparator.comparing(SpanData::getStartEpochNanos))
                .toList();
    }
}
