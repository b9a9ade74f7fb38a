package dev.eventqueue.spring.boot.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the environment variables of {@link dev.eventqueue.EventQueueSettings} feed {@code eventqueue.*} properties (see
 * {@link EnvironmentVariablesPropertySource}). Registered in {@code META-INF/spring.factories}.
 */
public class EnvironmentVariablesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(EnvironmentVariablesPropertySource.NAME)) {
            environment
                    .getPropertySources()
                    .addLast(new EnvironmentVariablesPropertySource(environment.getPropertySources()));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
