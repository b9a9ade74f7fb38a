package dev.eventqueue.spring.boot.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the seed's environment variables feed {@code eventqueue.*} properties (see
 * {@link SeedVariablesPropertySource}). Registered in {@code META-INF/spring.factories}.
 */
public class SeedVariablesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SeedVariablesPropertySource.NAME)) {
            environment.getPropertySources().addLast(new SeedVariablesPropertySource(environment.getPropertySources()));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
