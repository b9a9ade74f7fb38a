package dev.eventqueue.bench.scenario;

import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.opentelemetry.OpenTelemetryInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/** How a throughput run is traced: not at all, through the OpenTelemetry API alone, or by the SDK. */
public enum Tracing {
    OFF("off"),
    /** The interceptor on {@code OpenTelemetry.noop()}: what an application without an SDK pays. */
    API_NOOP("otel api, no-op"),
    /** Every span sampled and recorded by the SDK, with no processor: all but the export. */
    SDK_NO_EXPORT("otel sdk, sampled, no exporter");

    private final String label;

    Tracing(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A new interceptor for one node, or {@code null} when off. */
    EventQueueInterceptor newInterceptor() {
        return switch (this) {
            case OFF -> null;
            case API_NOOP -> OpenTelemetryInterceptor.create(OpenTelemetry.noop());
            case SDK_NO_EXPORT ->
                OpenTelemetryInterceptor.create(OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .setSampler(Sampler.alwaysOn())
                                .build())
                        .build());
        };
    }
}
