package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.jdbc.JdbcAuditLog;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.spring.tx.SpringTransactionConnectionProvider;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The JDBC store on the application's DataSource, joining Spring-managed transactions, when
 * {@code eventqueue.use-database} (or {@code USE_DATABASE_EVENT_QUEUE}) is true. The table is
 * {@code eventqueue.table-name}; it is created at startup only with
 * {@code eventqueue.jdbc.create-schema=true}. With {@code eventqueue.jdbc.audit-log=true} the
 * audit trail goes to a table on the same DataSource.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({JdbcEventQueueRepository.class, DataSource.class, DataSourceUtils.class})
@ConditionalOnSingleCandidate(DataSource.class)
@Conditional(OnUseDatabaseCondition.class)
class JdbcRepositoryConfiguration {

    @Bean
    @ConditionalOnMissingBean(EventQueueRepository.class)
    JdbcEventQueueRepository jdbcEventQueueRepository(
            DataSource dataSource, EventQueueConfig config, EventQueueProperties properties) {
        return JdbcEventQueueRepository.builder(dataSource)
                .tableName(config.tableName())
                .connectionProvider(new SpringTransactionConnectionProvider(dataSource))
                .createSchema(properties.getJdbc().isCreateSchema())
                .notifications(properties.getJdbc().isNotifications())
                .keepCompletedEntries(properties.getJdbc().isKeepCompletedEntries())
                .vacuumAfter(properties.getJdbc().getVacuumAfter())
                .build();
    }

    /** Written in transactions of its own after the events' commit, so it records only what happened. */
    @Bean
    @ConditionalOnMissingBean(AuditLog.class)
    @ConditionalOnBooleanProperty("eventqueue.jdbc.audit-log")
    JdbcAuditLog jdbcAuditLog(DataSource dataSource, EventQueueProperties properties) {
        return JdbcAuditLog.builder(dataSource)
                .tableName(properties.getJdbc().getAuditTableName())
                .createSchema(properties.getJdbc().isCreateSchema())
                .build();
    }
}
