package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The NATS JetStream store when {@code eventqueue.nats.url} (or {@code EVENT_QUEUE_NATS_URL}) is
 * set and eventqueue-nats is on the class path. Publishing does not join the application's
 * database transactions on this store (see docs/SCALING.md); the audit trail stays in memory
 * unless the application declares an {@code AuditLog} bean. Choosing both this store and the
 * database ({@code eventqueue.use-database}) fails startup.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(NatsEventQueueRepository.class)
@ConditionalOnProperty("eventqueue.nats.url")
class NatsRepositoryConfiguration {

    /** Closed with the context, after the dispatcher that uses it has stopped. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(EventQueueRepository.class)
    NatsEventQueueRepository natsEventQueueRepository(EventQueueConfig config, EventQueueProperties properties) {
        EventQueueProperties.Nats nats = properties.getNats();
        if (config.useDatabase()) {
            throw new IllegalStateException("eventqueue.nats.url (" + NatsEventQueueRepository.URL_VARIABLE
                    + ") and eventqueue.use-database (USE_DATABASE_EVENT_QUEUE) both choose the queue's store; "
                    + "set one of them.");
        }
        return NatsEventQueueRepository.builder(nats.getUrl().trim())
                .bucketPrefix(nats.getBucketPrefix())
                .replicas(nats.getReplicas())
                .build();
    }
}
