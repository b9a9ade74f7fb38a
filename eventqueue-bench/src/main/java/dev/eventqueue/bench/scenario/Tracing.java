package dev.eventqueue.bench.scenario;

import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.opentelemetry.OpenTelemetryInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;

/** How a throughput run is traced: not at all, through the OpenTelemetry API alone, or by the SDK. */
public enum Tracing {
    OFF("off"),
    /** The interceptor on {@code OpenTelemetry.noop()}: what an application without an SDK pays. */
    API_NOOP("otel api, no-op"),
    /**
     * Every span sampled, recorded and handed to a batch span processor whose exporter discards
     * them: everything a traced application pays except the network.
     */
    SDK_DISCARDING("otel sdk, all sampled, batch processor, discarding exporter");

    private final String label;

    Tracing(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A new interceptor for one node, or {@code null} when off; what must be closed after the run goes to {@code resources}. */
    EventQueueInterceptor newInterceptor(List<AutoCloseable> resources) {
        return switch (this) {
            case OFF -> null;
            case API_NOOP -> OpenTelemetryInterceptor.create(OpenTelemetry.noop());
            case SDK_DISCARDING -> {
                SdkTracerProvider provider = SdkTracerProvider.builder()
                        .setSampler(Sampler.alwaysOn())
                        .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingExporter())
                                .build())
                        .build();
                resources.add(provider);
                yield OpenTelemetryInterceptor.create(
                        OpenTelemetrySdk.builder().setTracerProvider(provider).build());
            }
        };
    }

    /** Accepts every batch and keeps nothing. */
    private static final class DiscardingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
