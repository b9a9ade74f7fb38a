package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.nats.outbox.NatsOutboxRepository;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.spring.tx.SpringTransactionConnectionProvider;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The NATS JetStream store when {@code eventqueue.nats.url} (or {@code EVENT_QUEUE_NATS_URL}) is
 * set and eventqueue-nats is on the class path. With {@code eventqueue.nats.outbox=true}, publishes
 * inside the application's transactions go to an outbox table on its DataSource and a relay
 * forwards them after the commit; otherwise a publish is written to JetStream at once (see
 * docs/SCALING.md). The audit trail stays in memory unless the application declares an
 * {@code AuditLog} bean. Choosing both this store and the database
 * ({@code eventqueue.use-database}) fails startup.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(NatsEventQueueRepository.class)
@ConditionalOnProperty("eventqueue.nats.url")
class NatsRepositoryConfiguration {

    static NatsEventQueueRepository jetStream(EventQueueConfig config, EventQueueProperties properties) {
        EventQueueProperties.Nats nats = properties.getNats();
        if (config.useDatabase()) {
            throw new IllegalStateException("eventqueue.nats.url (" + NatsEventQueueRepository.URL_VARIABLE
                    + ") and eventqueue.use-database (USE_DATABASE_EVENT_QUEUE) both choose the queue's store; "
                    + "set one of them.");
        }
        return NatsEventQueueRepository.builder(nats.getUrl().trim())
                .bucketPrefix(nats.getBucketPrefix())
                .replicas(nats.getReplicas())
                .keepCompletedEntries(nats.isKeepCompletedEntries())
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "eventqueue.nats.outbox", havingValue = false, matchIfMissing = true)
    static class Direct {

        /** Closed with the context, after the dispatcher that uses it has stopped. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(EventQueueRepository.class)
        NatsEventQueueRepository natsEventQueueRepository(EventQueueConfig config, EventQueueProperties properties) {
            return jetStream(config, properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("eventqueue.nats.outbox")
    @ConditionalOnClass({NatsOutboxRepository.class, DataSource.class, DataSourceUtils.class})
    static class ThroughOutbox {

        /** Joins Spring-managed transactions; closed with the context, with the JetStream store behind it. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(EventQueueRepository.class)
        NatsOutboxRepository natsOutboxRepository(
                EventQueueConfig config, EventQueueProperties properties, ObjectProvider<DataSource> dataSources) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                throw new IllegalStateException(
                        "eventqueue.nats.outbox=true needs the application's DataSource for the "
                                + "outbox table, and there is none (or more than one without a primary)");
            }
            NatsEventQueueRepository target = jetStream(config, properties);
            try {
                return NatsOutboxRepository.builder(target, dataSource)
                        .tableName(properties.getNats().getOutboxTable())
                        .connectionProvider(new SpringTransactionConnectionProvider(dataSource))
                        .createSchema(properties.getJdbc().isCreateSchema())
                        .ownsTarget(true)
                        .build();
            } catch (RuntimeException e) {
                target.close();
                throw e;
            }
        }
    }
}
