package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.monitoring.EventQueueListener;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.spring.CredentialsProvider;
import dev.eventqueue.spring.DomainApplicationEventBridge;
import dev.eventqueue.spring.EventDispatcherLifecycle;
import dev.eventqueue.spring.SpringEventPublisher;
import dev.eventqueue.spring.security.SecurityContextCredentialsProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The dispatcher and what surrounds it: settings from {@code eventqueue.*}, the store (NATS
 * JetStream when {@code eventqueue.nats.url} is set, JDBC on the application's DataSource when
 * {@code eventqueue.use-database} is true, else in memory), every
 * {@link EventHandler} and {@link EventQueueListener} bean, an {@link AuditLog} bean if declared,
 * the lifecycle, the {@link SpringEventPublisher} and the bridge from Spring application events.
 * Every bean backs off when the application declares its own.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        })
@EnableConfigurationProperties(EventQueueProperties.class)
@Import({NatsRepositoryConfiguration.class, JdbcRepositoryConfiguration.class, InMemoryRepositoryConfiguration.class})
public class EventQueueAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventQueueConfig eventQueueConfig(Environment environment) {
        return SettingsBinder.bind(Binder.get(environment));
    }

    @Bean
    @ConditionalOnMissingBean
    EventDispatcher eventDispatcher(
            EventQueueConfig config,
            EventQueueRepository repository,
            EventQueueProperties properties,
            ObjectProvider<EventHandler<?>> handlers,
            ObjectProvider<EventQueueListener> listeners,
            ObjectProvider<EventQueueInterceptor> interceptors,
            ObjectProvider<AuditLog> auditLog) {
        EventDispatcher.Builder builder =
                EventDispatcher.builder().config(config).repository(repository);
        handlers.orderedStream().forEach(builder::handler);
        listeners.orderedStream().forEach(builder::listener);
        interceptors.orderedStream().forEach(builder::interceptor);
        auditLog.ifAvailable(builder::auditLog);
        properties.getEventTypes().forEach(builder::eventType);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    EventDispatcherLifecycle eventDispatcherLifecycle(EventDispatcher dispatcher, EventQueueProperties properties) {
        return new EventDispatcherLifecycle(dispatcher, properties.isAutoStartup());
    }

    /** Primary, since the dispatcher is an {@code EventPublisher} too; this one adds credentials from the context. */
    @Bean
    @Primary
    @ConditionalOnMissingBean
    SpringEventPublisher springEventPublisher(
            ObjectProvider<EventDispatcher> dispatcher, ObjectProvider<CredentialsProvider> credentials) {
        return new SpringEventPublisher(
                dispatcher::getObject, credentials.getIfAvailable(() -> CredentialsProvider.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "eventqueue.application-events.enabled", matchIfMissing = true)
    DomainApplicationEventBridge domainApplicationEventBridge(SpringEventPublisher publisher) {
        return new DomainApplicationEventBridge(publisher);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    @ConditionalOnBooleanProperty(name = "eventqueue.security.credentials-from-context", matchIfMissing = true)
    static class SecurityCredentialsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CredentialsProvider securityContextCredentialsProvider() {
            return new SecurityContextCredentialsProvider();
        }
    }
}
