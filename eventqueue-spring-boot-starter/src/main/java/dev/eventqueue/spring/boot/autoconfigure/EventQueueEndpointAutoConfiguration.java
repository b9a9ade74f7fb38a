package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.spring.actuate.EventQueueEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code eventqueue} Actuator endpoint, when exposed ({@code management.endpoints.web.exposure.include}). */
@AutoConfiguration(after = EventQueueAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(EventDispatcher.class)
@ConditionalOnAvailableEndpoint(EventQueueEndpoint.class)
public class EventQueueEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventQueueEndpoint eventQueueEndpoint(EventDispatcher dispatcher) {
        return new EventQueueEndpoint(dispatcher);
    }
}
