package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.spring.observation.EventQueueObservationInterceptor;
import dev.eventqueue.spring.observation.RedeliveryLinkingObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Observations of publishing and handling when the application has an {@link
 * ObservationRegistry}: Micrometer Tracing (OpenTelemetry or Brave bridge) turns them into spans
 * whose context travels with each entry, and a retry's new trace is linked to the publish span. Off with {@code eventqueue.observation.enabled=false}.
 */
@AutoConfiguration(
        after = EventQueueAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"
        })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ObservationRegistry.class, EventDispatcher.class})
@ConditionalOnBooleanProperty(name = "eventqueue.observation.enabled", matchIfMissing = true)
public class EventQueueObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventQueueObservationInterceptor eventQueueObservationInterceptor(ObservationRegistry registry) {
        return new EventQueueObservationInterceptor(registry);
    }

    /** With Micrometer Tracing: a retry's or redrive's new trace links to the publish span. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    @ConditionalOnBean(type = {"io.micrometer.tracing.Tracer", "io.micrometer.tracing.propagation.Propagator"})
    static class RedeliveryLinks {

        @Bean
        @ConditionalOnMissingBean
        @Order(RedeliveryLinkingObservationHandler.ORDER)
        RedeliveryLinkingObservationHandler eventQueueRedeliveryLinkingObservationHandler(
                Tracer tracer, Propagator propagator) {
            return new RedeliveryLinkingObservationHandler(tracer, propagator);
        }
    }
}
