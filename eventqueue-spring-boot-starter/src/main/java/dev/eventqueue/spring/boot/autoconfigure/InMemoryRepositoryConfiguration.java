package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.spring.tx.TransactionAwareEnqueueRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory store, when no other {@link EventQueueRepository} was configured. With Spring's
 * transaction support present, publishes inside a transaction are enqueued at commit. Asking for
 * the database without a usable DataSource fails startup instead of silently keeping events in
 * memory, where a restart would lose them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(EventQueueRepository.class)
class InMemoryRepositoryConfiguration {

    static final String TX_SYNCHRONIZATION =
            "org.springframework.transaction.support.TransactionSynchronizationManager";

    @Bean
    @ConditionalOnClass(name = TX_SYNCHRONIZATION)
    EventQueueRepository transactionAwareInMemoryEventQueueRepository(EventQueueConfig config) {
        requireNoDatabase(config);
        return new TransactionAwareEnqueueRepository(new InMemoryEventQueueRepository());
    }

    @Bean
    @ConditionalOnMissingClass(TX_SYNCHRONIZATION)
    EventQueueRepository inMemoryEventQueueRepository(EventQueueConfig config) {
        requireNoDatabase(config);
        return new InMemoryEventQueueRepository();
    }

    private static void requireNoDatabase(EventQueueConfig config) {
        if (config.useDatabase()) {
            throw new IllegalStateException("eventqueue.use-database (USE_DATABASE_EVENT_QUEUE) is true, but the "
                    + "application has no single DataSource bean (or eventqueue-jdbc / spring-jdbc is missing). "
                    + "Configure spring.datasource.* (spring-boot-starter-jdbc), or set it to false to keep the "
                    + "queue in memory.");
        }
    }
}
