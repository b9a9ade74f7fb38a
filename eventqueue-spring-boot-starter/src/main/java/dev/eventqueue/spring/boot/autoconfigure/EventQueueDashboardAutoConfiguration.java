package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.dashboard.DashboardApi;
import dev.eventqueue.spring.dashboard.DashboardServlet;
import jakarta.servlet.http.HttpServlet;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The operator dashboard at {@code eventqueue.dashboard.path} (default {@code /eventqueue}), when
 * {@code eventqueue.dashboard.enabled=true} in a servlet application with eventqueue-dashboard on
 * the class path.
 */
@AutoConfiguration(after = EventQueueAutoConfiguration.class)
@ConditionalOnClass({DashboardApi.class, HttpServlet.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "eventqueue.dashboard", name = "enabled", havingValue = "true")
@ConditionalOnBean(EventDispatcher.class)
public class EventQueueDashboardAutoConfiguration {

    @Bean(destroyMethod = "close")
    DashboardApi eventQueueDashboardApi(EventDispatcher dispatcher) {
        return DashboardApi.builder(dispatcher.getRepository(), dispatcher.getAuditLog())
                .queueName(dispatcher.getConfig().tableName())
                .activeHandlers(() -> dispatcher.getStats().activeHandlers())
                .build()
                .start();
    }

    @Bean
    ServletRegistrationBean<DashboardServlet> eventQueueDashboardServlet(
            DashboardApi api, EventQueueProperties properties) {
        EventQueueProperties.Dashboard dashboard = properties.getDashboard();
        String path = dashboard.getPath().endsWith("/")
                ? dashboard.getPath().substring(0, dashboard.getPath().length() - 1)
                : dashboard.getPath();
        if (!path.startsWith("/") || path.length() < 2 || path.contains("*")) {
            throw new IllegalArgumentException("eventqueue.dashboard.path must be a path such as /eventqueue, but was '"
                    + dashboard.getPath() + "'");
        }
        ServletRegistrationBean<DashboardServlet> registration = new ServletRegistrationBean<>(
                new DashboardServlet(api, dashboard.getOperatorRole(), dashboard.getOperatorToken()),
                path,
                path + "/*");
        registration.setName("eventQueueDashboard");
        return registration;
    }
}
