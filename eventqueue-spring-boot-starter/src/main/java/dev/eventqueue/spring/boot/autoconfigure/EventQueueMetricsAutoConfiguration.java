package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.micrometer.EventQueueGauges;
import dev.eventqueue.micrometer.EventQueueMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the dispatcher when the application has a {@link MeterRegistry}: the
 * listener (timers and counters) joins the dispatcher as an {@code EventQueueListener} bean, the
 * gauges are bound by Spring Boot as a {@code MeterBinder}.
 */
@AutoConfiguration(
        after = EventQueueAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({MeterRegistry.class, EventQueueMetricsListener.class})
@ConditionalOnBean({MeterRegistry.class, EventDispatcher.class})
public class EventQueueMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventQueueMetricsListener eventQueueMetricsListener(MeterRegistry registry) {
        return new EventQueueMetricsListener(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    EventQueueGauges eventQueueGauges(EventDispatcher dispatcher, EventQueueProperties properties) {
        return new EventQueueGauges(dispatcher, properties.getMetrics().getCacheTtl(), Tags.empty());
    }
}
