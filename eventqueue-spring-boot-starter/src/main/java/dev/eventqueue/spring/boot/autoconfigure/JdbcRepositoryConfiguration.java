package dev.eventqueue.spring.boot.autoconfigure;

import org.springframework.context.annotation.Configuration;

/** The JDBC store on the application's DataSource; filled in once eventqueue-jdbc's API lands. */
@Configuration(proxyBeanMethods = false)
class JdbcRepositoryConfiguration {
}
