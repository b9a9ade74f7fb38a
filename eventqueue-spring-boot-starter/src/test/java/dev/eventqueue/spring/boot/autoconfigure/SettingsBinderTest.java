package dev.eventqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.EventQueueSettings;
import dev.eventqueue.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Every setting of the catalog binds under {@code eventqueue.*} and from its environment variable. */
class SettingsBinderTest {

    @Test
    void everySettingOfTheCatalogBindsFromItsProperty() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Setting<?> setting : EventQueueSettings.all()) {
            properties.put("eventqueue." + setting.propertyName(), asProperty(otherValue(setting)));
        }

        EventQueueConfig config = SettingsBinder.bind(binder(properties));

        for (Setting<?> setting : EventQueueSettings.all()) {
            assertThat((Object) config.get(setting))
                    .as("eventqueue." + setting.propertyName())
                    .isEqualTo(otherValue(setting))
                    .isNotEqualTo(setting.defaultValue());
        }
    }

    @Test
    void everySettingOfTheCatalogBindsFromItsEnvironmentVariable() {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Setting<?> setting : EventQueueSettings.all()) {
            variables.put(setting.environmentName(), environmentValue(setting));
        }

        EventQueueConfig config = SettingsBinder.bind(binder(variables));

        for (Setting<?> setting : EventQueueSettings.all()) {
            assertThat((Object) config.get(setting))
                    .as(setting.environmentName())
                    .isEqualTo(otherValue(setting));
        }
    }

    @Test
    void theSettingsAddedLastBindToo() {
        EventQueueConfig config = SettingsBinder.bind(binder(Map.of(
                "eventqueue.heartbeat-interval", "2s",
                "eventqueue.handler-timeout", "90s",
                "eventqueue.priority-aging", "5m",
                "eventqueue.max-payload-bytes", "2048")));

        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.handlerTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.priorityAging()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxPayloadBytes()).isEqualTo(2048);
    }

    @Test
    void aValueOutOfRangeNamesThePropertyAndTheRange() {
        assertThatThrownBy(() -> SettingsBinder.bind(binder(Map.of("eventqueue.handler-timeout", "0ms"))))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("eventqueue.handler-timeout must be a duration from 1 ms to 7 days "
                        + "(milliseconds in the environment variable), but was '0 ms'");
    }

    @Test
    void valuesValidAloneButNotTogetherNameBothProperties() {
        assertThatThrownBy(() -> SettingsBinder.bind(
                        binder(Map.of("eventqueue.lease-duration", "3s", "eventqueue.heartbeat-interval", "2s"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventqueue.lease-duration")
                .hasMessageContaining("eventqueue.heartbeat-interval");
    }

    /** Properties and variables as an application sees them: after the starter's environment post-processors. */
    private static Binder binder(Map<String, Object> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        for (EnvironmentPostProcessor processor : starterPostProcessors()) {
            processor.postProcessEnvironment(environment, new SpringApplication());
        }
        return Binder.get(environment);
    }

    /** The starter's entries in META-INF/spring.factories. */
    private static List<EnvironmentPostProcessor> starterPostProcessors() {
        List<EnvironmentPostProcessor> processors = new ArrayList<>();
        try {
            Enumeration<URL> files =
                    SettingsBinderTest.class.getClassLoader().getResources("META-INF/spring.factories");
            while (files.hasMoreElements()) {
                Properties factories = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    factories.load(in);
                }
                for (String name : factories
                        .getProperty(EnvironmentPostProcessor.class.getName(), "")
                        .split(",")) {
                    if (name.trim().startsWith("dev.eventqueue.")) {
                        processors.add((EnvironmentPostProcessor) Class.forName(name.trim())
                                .getDeclaredConstructor()
                                .newInstance());
                    }
                }
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("Could not load the starter's environment post-processors", e);
        }
        assertThat(processors).isNotEmpty();
        return processors;
    }

    /** A valid value other than the default. */
    private static Object otherValue(Setting<?> setting) {
        Object value = candidate(setting);
        return check(setting, value);
    }

    @SuppressWarnings("unchecked")
    private static <T> Object check(Setting<T> setting, Object value) {
        return setting.check((T) value);
    }

    private static Object candidate(Setting<?> setting) {
        Object fallback = setting.defaultValue();
        if (setting.type() == Integer.class) {
            int value = (Integer) fallback;
            return value > 1 ? value - 1 : value + 1;
        }
        if (setting.type() == Duration.class) {
            return fallback == null ? Duration.ofMillis(1234) : ((Duration) fallback).plusMillis(7);
        }
        if (setting.type() == Boolean.class) {
            return !(Boolean) fallback;
        }
        if (setting.type() == String.class) {
            return "eq_bound_" + setting.propertyName().replace('-', '_');
        }
        Object[] constants = setting.type().getEnumConstants();
        return constants[0].equals(fallback) ? constants[1] : constants[0];
    }

    private static String asProperty(Object value) {
        if (value instanceof Duration duration) {
            return duration.toMillis() + "ms";
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> String environmentValue(Setting<T> setting) {
        return setting.format((T) otherValue(setting));
    }
}
