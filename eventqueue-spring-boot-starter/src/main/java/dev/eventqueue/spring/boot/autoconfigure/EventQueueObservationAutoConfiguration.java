package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.spring.observation.EventQueueObservationInterceptor;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observations of publishing and handling when the application has an {@link
 * ObservationRegistry}: Micrometer Tracing (OpenTelemetry or Brave bridge) turns them into spans
 * whose context travels with each entry. Off with {@code eventqueue.observation.enabled=false}.
 */
@AutoConfiguration(
        after = EventQueueAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ObservationRegistry.class, EventDispatcher.class})
@ConditionalOnBooleanProperty(name = "eventqueue.observation.enabled", matchIfMissing = true)
public class EventQueueObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventQueueObservationInterceptor eventQueueObservationInterceptor(ObservationRegistry registry) {
        return new EventQueueObservationInterceptor(registry);
    }
}
