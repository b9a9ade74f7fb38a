package dev.eventqueue.opentelemetry;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.DeliveryOutcome;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.queue.ClaimedEntry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Traces an {@link dev.eventqueue.EventDispatcher} with OpenTelemetry: register it with {@code
 * EventDispatcher.builder().interceptor(OpenTelemetryInterceptor.create(openTelemetry))} on every
 * node that publishes or handles.
 *
 * <p>At publish, a producer span {@code publish <handler>} is started for each entry as a child
 * of the current span, and its context is written into the entry's headers (W3C {@code
 * traceparent} and {@code tracestate}; {@code baggage} when asked). At delivery, the handler runs
 * in a consumer span {@code process <handler>}, current on the worker thread: on the first attempt
 * a child of the publish span, so the handler joins the publisher's trace; on a retry or a redrive
 * by hand a new trace, linked to the publish span, so that a retry hours later does not stretch
 * the request's trace. While the span is current the MDC holds {@value #MDC_TRACE_ID} and
 * {@value #MDC_SPAN_ID}.
 */
public final class OpenTelemetryInterceptor implements EventQueueInterceptor {

    /** The instrumentation scope the spans are reported under. */
    public static final String INSTRUMENTATION_NAME = "dev.eventqueue.opentelemetry";
    /** The MDC key of the process span's trace id. */
    public static final String MDC_TRACE_ID = "trace_id";
    /** The MDC key of the process span's span id. */
    public static final String MDC_SPAN_ID = "span_id";

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    private OpenTelemetryInterceptor(Builder builder) {
        this.tracer = builder.openTelemetry.getTracer(INSTRUMENTATION_NAME);
        this.propagator = builder.propagator != null
                ? builder.propagator
                : builder.baggage
                        ? TextMapPropagator.composite(
                                W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())
                        : W3CTraceContextPropagator.getInstance();
    }

    /** Traces with {@code openTelemetry}, propagating W3C trace context (no baggage). */
    public static OpenTelemetryInterceptor create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public PublishScope onPublish(DomainEvent event, String handlerName, Map<String, String> headers) {
        Context parent = Context.current();
        Span span = tracer.spanBuilder("publish " + handlerName)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .startSpan();
        // Attributes only for a span that records: with a no-op or unsampled tracer they would be thrown away.
        if (span.isRecording()) {
            span.setAttribute(MessagingAttributes.MESSAGING_SYSTEM, MessagingAttributes.SYSTEM)
                    .setAttribute(MessagingAttributes.MESSAGING_OPERATION_TYPE, "send")
                    .setAttribute(MessagingAttributes.MESSAGING_OPERATION_NAME, "publish")
                    .setAttribute(MessagingAttributes.MESSAGING_DESTINATION_NAME, handlerName)
                    .setAttribute(MessagingAttributes.MESSAGING_MESSAGE_ID, String.valueOf(event.getEventId()))
                    .setAttribute(MessagingAttributes.EVENT_TYPE, event.getEventType());
        }
        propagator.inject(parent.with(span), headers, HeaderCarrier.INSTANCE);
        return error -> {
            if (error != null) {
                recordError(span, error);
            }
            span.end();
        };
    }

    @Override
    public DeliveryScope onDelivery(ClaimedEntry entry, Duration queueWait) {
        Context published = propagator.extract(Context.root(), entry.headers(), HeaderCarrier.INSTANCE);
        SpanContext publishSpan = Span.fromContext(published).getSpanContext();
        // A redrive by hand starts again at attempt 1 but keeps the last error: it is not the first delivery.
        boolean redelivery = entry.attempt() > 1 || entry.previousError() != null;
        SpanBuilder builder =
                tracer.spanBuilder("process " + entry.handlerName()).setSpanKind(SpanKind.CONSUMER);
        if (redelivery) {
            // Baggage still reaches the handler; the trace does not.
            builder.setParent(Context.root().with(Baggage.fromContext(published)))
                    .setAttribute(MessagingAttributes.REDELIVERY, true);
            if (publishSpan.isValid()) {
                builder.addLink(publishSpan);
            }
        } else {
            builder.setParent(published);
        }
        Span span = builder.startSpan();
        if (span.isRecording()) {
            span.setAttribute(MessagingAttributes.MESSAGING_SYSTEM, MessagingAttributes.SYSTEM)
                    .setAttribute(MessagingAttributes.MESSAGING_OPERATION_TYPE, "process")
                    .setAttribute(MessagingAttributes.MESSAGING_OPERATION_NAME, "process")
                    .setAttribute(MessagingAttributes.MESSAGING_DESTINATION_NAME, entry.handlerName())
                    .setAttribute(MessagingAttributes.MESSAGING_MESSAGE_ID, String.valueOf(entry.eventId()))
                    .setAttribute(MessagingAttributes.EVENT_TYPE, entry.eventType())
                    .setAttribute(MessagingAttributes.ENTRY_ID, entry.id().toString())
                    .setAttribute(MessagingAttributes.ATTEMPT, (long) entry.attempt())
                    .setAttribute(MessagingAttributes.WAIT_MS, queueWait.toMillis());
        }
        Scope scope = span.storeInContext(redelivery ? Context.root().with(Baggage.fromContext(published)) : published)
                .makeCurrent();
        SpanContext own = span.getSpanContext();
        boolean logged = own.isValid();
        String previousTrace = logged ? MDC.get(MDC_TRACE_ID) : null;
        String previousSpan = logged ? MDC.get(MDC_SPAN_ID) : null;
        if (logged) {
            MDC.put(MDC_TRACE_ID, own.getTraceId());
            MDC.put(MDC_SPAN_ID, own.getSpanId());
        }
        return (outcome, error) -> {
            try {
                if (span.isRecording()) {
                    span.setAttribute(MessagingAttributes.OUTCOME, outcome.attributeValue());
                }
                if (error != null) {
                    recordError(span, error);
                } else if (outcome == DeliveryOutcome.ABANDONED) {
                    span.setStatus(StatusCode.ERROR, "abandoned after its timeout");
                }
                span.end();
            } finally {
                if (logged) {
                    restore(MDC_TRACE_ID, previousTrace);
                    restore(MDC_SPAN_ID, previousSpan);
                }
                scope.close();
            }
        };
    }

    private static void recordError(Span span, Throwable error) {
        span.recordException(error);
        span.setAttribute(MessagingAttributes.ERROR_TYPE, error.getClass().getName());
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** Options; {@link #build()} makes the interceptor. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean baggage;
        private TextMapPropagator propagator;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /** Also carries W3C baggage with each entry (default: off, as baggage may hold what should not be stored). */
        public Builder propagateBaggage(boolean baggage) {
            this.baggage = baggage;
            return this;
        }

        /** Replaces the W3C propagators, for example with {@code openTelemetry.getPropagators().getTextMapPropagator()}. */
        public Builder propagator(TextMapPropagator propagator) {
            this.propagator = Objects.requireNonNull(propagator, "propagator");
            return this;
        }

        public OpenTelemetryInterceptor build() {
            return new OpenTelemetryInterceptor(this);
        }
    }
}
