package dev.eventqueue.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Turns {@code eventqueue.process} observations into spans as Micrometer Tracing's receiving
 * handler does, and on a retry or a redrive by hand makes the new trace's root span link to the
 * publish span: the Observation API itself cannot express a link.
 *
 * <p>It must come before the generic receiving handler in the tracing handlers' first-matching
 * group; the Spring Boot starter registers it with {@link #ORDER} for that. Without it, a retry
 * still starts its own trace, only without the link. The link is read from the W3C {@code
 * traceparent} header, Spring Boot's default propagation.
 */
public class RedeliveryLinkingObservationHandler extends PropagatingReceiverTracingObservationHandler<DeliveryContext> {

    /** Before Spring Boot's receiving tracing handler (order 1000). */
    public static final int ORDER = 900;

    public RedeliveryLinkingObservationHandler(Tracer tracer, Propagator propagator) {
        super(tracer, propagator);
    }

    @Override
    public Span.Builder customizeExtractedSpan(DeliveryContext context, Span.Builder builder) {
        if (context.isRedelivery()) {
            builder.setNoParent();
            TraceContext publish = PublishLink.from(context.publishHeaders(), getTracer());
            if (publish != null) {
                builder.addLink(new Link(publish));
            }
        }
        return builder;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof DeliveryContext;
    }
}
