package dev.eventqueue.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.monitoring.DeliveryMdc;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.events.TestEvent;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Two dispatchers, as on two nodes, on one H2 database: one publishes inside a span, the other
 * runs the handler. The trace context can only reach the handler through the entry's headers
 * column.
 */
class TracingAcrossDispatchersTest {

    private static final String TYPE = "Tick";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    private final Tracer tracer = openTelemetry.getTracer("test");
    private final String table =
            "otel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final DataSource database = h2();
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

    /** What the handler saw on its thread, by attempt. */
    private final Map<Integer, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(SpanContext span, String mdcTraceId, String mdcEventId, String baggage) {}

    private final ScriptedHandler handler = ScriptedHandler.named("mailer")
            .maxRetries(1)
            .onHandle((event, context) -> {
                seen.put(
                        context.getAttempt(),
                        new Seen(
                                Span.current().getSpanContext(),
                                MDC.get(OpenTelemetryInterceptor.MDC_TRACE_ID),
                                MDC.get(DeliveryMdc.EVENT_ID),
                                Baggage.current().getEntryValue("tenant")));
                if (context.getAttempt() == 1) {
                    throw new IllegalStateException("mail server busy");
                }
            });

    @BeforeEach
    void createTable() {
        repository(); // creates the table once, before two nodes race to
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeAtEnd) {
            closeable.close();
        }
        openTelemetry.close();
    }

    @Test
    void theFirstAttemptIsAChildOfThePublishOnAnotherNodeAndTheRetryANewTraceLinkedToIt() {
        OpenTelemetryInterceptor interceptor = OpenTelemetryInterceptor.create(openTelemetry);
        EventDispatcher publisher = node(interceptor);
        node(interceptor).start();
        TestEvent event = TestEvent.of(TYPE, 1);

        Span request =
                tracer.spanBuilder("POST /mail").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            publisher.publish(event, null);
        } finally {
            request.end();
        }

        await().atMost(WAIT).until(() -> processSpans().size() == 2);
        SpanData publish = onlySpanNamed("publish " + handler.getName());
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(publish.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(publish.getAttributes().asMap())
                .containsEntry(MessagingAttributes.MESSAGING_SYSTEM, "eventqueue")
                .containsEntry(MessagingAttributes.MESSAGING_OPERATION_NAME, "publish")
                .containsEntry(MessagingAttributes.MESSAGING_OPERATION_TYPE, "send")
                .containsEntry(MessagingAttributes.MESSAGING_DESTINATION_NAME, handler.getName())
                .containsEntry(
                        MessagingAttributes.MESSAGING_MESSAGE_ID,
                        event.getEventId().toString())
                .containsEntry(MessagingAttributes.EVENT_TYPE, TYPE);

        SpanData first = processSpan(1);
        assertThat(first.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(first.getName()).isEqualTo("process " + handler.getName());
        assertThat(first.getTraceId())
                .as("the first attempt joins the request's trace")
                .isEqualTo(publish.getTraceId());
        assertThat(first.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(first.getAttributes().asMap())
                .containsEntry(MessagingAttributes.MESSAGING_SYSTEM, "eventqueue")
                .containsEntry(MessagingAttributes.MESSAGING_OPERATION_NAME, "process")
                .containsEntry(MessagingAttributes.MESSAGING_OPERATION_TYPE, "process")
                .containsEntry(MessagingAttributes.MESSAGING_DESTINATION_NAME, handler.getName())
                .containsEntry(
                        MessagingAttributes.MESSAGING_MESSAGE_ID,
                        event.getEventId().toString())
                .containsEntry(MessagingAttributes.OUTCOME, "retry_scheduled")
                .containsEntry(MessagingAttributes.ERROR_TYPE, IllegalStateException.class.getName())
                .containsKey(MessagingAttributes.WAIT_MS)
                .doesNotContainKey(MessagingAttributes.REDELIVERY);
        assertThat(first.getAttributes().get(MessagingAttributes.WAIT_MS)).isNotNegative();
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(first.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));

        SpanData retry = processSpan(2);
        assertThat(retry.getTraceId()).as("a retry is a trace of its own").isNotEqualTo(publish.getTraceId());
        assertThat(retry.getParentSpanContext().isValid()).isFalse();
        assertThat(retry.getLinks())
                .extracting(LinkData::getSpanContext)
                .extracting(SpanContext::getSpanId)
                .containsExactly(publish.getSpanId());
        assertThat(retry.getAttributes().asMap())
                .containsEntry(MessagingAttributes.OUTCOME, "completed")
                .containsEntry(MessagingAttributes.REDELIVERY, true);
        assertThat(retry.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        // The handler ran inside the process span, with its ids in the MDC.
        assertThat(seen.get(1).span().getSpanId()).isEqualTo(first.getSpanId());
        assertThat(seen.get(1).mdcTraceId()).isEqualTo(first.getTraceId());
        assertThat(seen.get(1).mdcEventId()).isEqualTo(event.getEventId().toString());
        assertThat(seen.get(2).span().getSpanId()).isEqualTo(retry.getSpanId());
        assertThat(seen.get(2).mdcTraceId()).isEqualTo(retry.getTraceId());
    }

    @Test
    void aRedriveByHandIsANewTraceLinkedToThePublishAndBaggageTravelsWhenAsked() {
        OpenTelemetryInterceptor interceptor = OpenTelemetryInterceptor.builder(openTelemetry)
                .propagateBaggage(true)
                .build();
        handler.maxRetries(0);
        EventDispatcher publisher = node(interceptor);
        EventDispatcher consumer = node(interceptor);
        consumer.start();
        TestEvent event = TestEvent.of(TYPE, 2);

        Span request = tracer.spanBuilder("POST /mail").startSpan();
        try (Scope ignored = Baggage.builder()
                .put("tenant", "acme")
                .build()
                .storeInContext(io.opentelemetry.context.Context.current().with(request))
                .makeCurrent()) {
            publisher.publish(event, null);
        } finally {
            request.end();
        }
        await().atMost(WAIT).until(() -> consumer.getStats().failed() == 1);
        assertThat(consumer.retryFailedEvents(10)).isEqualTo(1);
        await().atMost(WAIT).until(() -> processSpans().size() == 2);

        SpanData publish = onlySpanNamed("publish " + handler.getName());
        List<SpanData> attempts = processSpans();
        SpanData failed = attempts.get(0);
        SpanData redriven = attempts.get(1);
        assertThat(failed.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(failed.getAttributes().get(MessagingAttributes.OUTCOME)).isEqualTo("failed");
        assertThat(redriven.getAttributes().get(MessagingAttributes.ATTEMPT)).isEqualTo(1L);
        assertThat(redriven.getAttributes().get(MessagingAttributes.REDELIVERY)).isTrue();
        assertThat(redriven.getParentSpanContext().isValid()).isFalse();
        assertThat(redriven.getTraceId()).isNotEqualTo(publish.getTraceId());
        assertThat(redriven.getLinks())
                .extracting(link -> link.getSpanContext().getSpanId())
                .containsExactly(publish.getSpanId());
        assertThat(seen.get(1).baggage()).isEqualTo("acme");
    }

    private EventDispatcher node(OpenTelemetryInterceptor interceptor) {
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(20))
                        .backgroundInterval(Duration.ofMillis(20))
                        .build())
                .repository(repository())
                .eventType(TYPE, TestEvent.class)
                .interceptor(interceptor)
                .handler(handler)
                .build();
        closeAtEnd.add(0, dispatcher);
        return dispatcher;
    }

    private JdbcEventQueueRepository repository() {
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(database)
                .tableName(table)
                .createSchema(true)
                .build();
        closeAtEnd.add(repository);
        return repository;
    }

    private List<SpanData> processSpans() {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("process "))
                .sorted(java.util.Comparator.comparing(SpanData::getStartEpochNanos))
                .toList();
    }

    private SpanData processSpan(long attempt) {
        return processSpans().stream()
                .filter(s -> Long.valueOf(attempt).equals(s.getAttributes().get(MessagingAttributes.ATTEMPT)))
                .findFirst()
                .orElseThrow();
    }

    private SpanData onlySpanNamed(String name) {
        List<SpanData> spans = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .toList();
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:otel_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
