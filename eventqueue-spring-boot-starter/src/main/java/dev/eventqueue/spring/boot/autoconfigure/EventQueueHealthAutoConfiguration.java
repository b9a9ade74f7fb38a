package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.spring.actuate.EventQueueHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code eventqueue} health indicator; off with {@code management.health.eventqueue.enabled=false}. */
@AutoConfiguration(after = EventQueueAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(EventDispatcher.class)
@ConditionalOnEnabledHealthIndicator("eventqueue")
public class EventQueueHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "eventqueueHealthIndicator")
    EventQueueHealthIndicator eventqueueHealthIndicator(EventDispatcher dispatcher, EventQueueProperties properties) {
        return new EventQueueHealthIndicator(dispatcher, properties.getHealth().getDegradedStatus());
    }
}
