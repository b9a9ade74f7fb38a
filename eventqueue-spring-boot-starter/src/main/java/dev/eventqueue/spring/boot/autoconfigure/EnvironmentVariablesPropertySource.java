package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueSettings;
import dev.eventqueue.nats.NatsEventQueueRepository;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Exposes the environment variables ({@code EVENT_QUEUE_BATCH_SIZE}, {@code USE_DATABASE_EVENT_QUEUE},
 * ...) under their {@code eventqueue.*} names. Values are looked up in the other property sources
 * on each read, so a variable from the OS, a system property or a config file all work. Added
 * last, so an {@code eventqueue.*} property set anywhere wins. Errors binding a value name the
 * variable as its origin.
 *
 * <p>Deliberately not enumerable and reading the raw sources, never the environment: Boot's
 * attached configuration-property view enumerates every source, which would call back into this
 * one.
 */
final class EnvironmentVariablesPropertySource extends PropertySource<MutablePropertySources>
        implements OriginLookup<String> {

    static final String NAME = "eventqueueEnvironmentVariables";

    /** Property name to environment variable, for every setting of the catalog and the NATS store's URL and prefix. */
    static final Map<String, String> VARIABLES = Stream.concat(
                    EventQueueSettings.all().stream()
                            .map(setting -> Map.entry(SettingsBinder.propertyName(setting), setting.environmentName())),
                    // A compile-time constant: eventqueue-nats need not be on the class path.
                    Stream.of(
                            Map.entry("eventqueue.nats.url", NatsEventQueueRepository.URL_VARIABLE),
                            Map.entry(
                                    "eventqueue.nats.bucket-prefix", NatsEventQueueRepository.BUCKET_PREFIX_VARIABLE)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    EnvironmentVariablesPropertySource(MutablePropertySources sources) {
        super(NAME, sources);
    }

    @Override
    public Object getProperty(String name) {
        String variable = VARIABLES.get(name);
        if (variable == null) {
            return null;
        }
        for (PropertySource<?> source : getSource()) {
            if (source == this || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            Object value = source.getProperty(variable);
            if (value != null && !value.toString().isBlank()) {
                return value.toString().trim();
            }
        }
        return null;
    }

    @Override
    public Origin getOrigin(String name) {
        String variable = VARIABLES.get(name);
        return variable == null ? null : new EnvironmentVariableOrigin(variable);
    }

    /** Shown in binding errors, so a bad value points at the variable the user actually set. */
    private record EnvironmentVariableOrigin(String variable) implements Origin {
        @Override
        public String toString() {
            return "environment variable " + variable;
        }
    }
}
