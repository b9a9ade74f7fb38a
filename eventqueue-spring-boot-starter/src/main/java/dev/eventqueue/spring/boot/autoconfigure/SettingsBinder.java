package dev.eventqueue.spring.boot.autoconfigure;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.EventQueueSettings;
import dev.eventqueue.Setting;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Binds every setting of {@link EventQueueSettings} from {@code eventqueue.<property-name>}, so a
 * setting added to the catalog is a Spring property without further code. Values take Spring's
 * conversions (durations as {@code 500ms}, {@code 5s}, a plain number meaning milliseconds; enums in
 * any case) and are checked against the setting's range as they bind, so a bad value fails startup
 * naming the property, the value and where it came from.
 */
final class SettingsBinder {

    static final String PREFIX = "eventqueue.";

    private SettingsBinder() {}

    /** The property that sets {@code setting}, e.g. {@code eventqueue.batch-size}. */
    static String propertyName(Setting<?> setting) {
        return PREFIX + setting.propertyName();
    }

    /**
     * The configuration the bound properties describe, the catalog's defaults for the rest.
     *
     * @throws org.springframework.boot.context.properties.bind.BindException naming the property of a
     *     value that does not convert or is out of range
     * @throws IllegalArgumentException naming the properties of values that are valid alone but not
     *     together
     */
    static EventQueueConfig bind(Binder binder) {
        EventQueueConfig.Builder builder = EventQueueConfig.builder();
        for (Setting<?> setting : EventQueueSettings.all()) {
            bind(binder, setting, builder);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid " + PREFIX + "* settings (" + propertyName(EventQueueSettings.LEASE_DURATION) + ", "
                            + propertyName(EventQueueSettings.HEARTBEAT_INTERVAL) + "): " + e.getMessage(),
                    e);
        }
    }

    private static <T> void bind(Binder binder, Setting<T> setting, EventQueueConfig.Builder builder) {
        binder.bind(propertyName(setting), Bindable.of(setting.type()), new RangeCheck<>(setting))
                .ifBound(value -> builder.set(setting, value));
    }

    /** Checks a converted value against the setting's range, rewording the message to name the property. */
    private static final class RangeCheck<T> extends AbstractBindHandler {
        private final Setting<T> setting;

        RangeCheck(Setting<T> setting) {
            this.setting = setting;
        }

        @Override
        public Object onSuccess(
                ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            try {
                setting.check(setting.type().cast(result));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                String core = setting.builderName() + " ";
                throw new IllegalArgumentException(
                        message.startsWith(core)
                                ? propertyName(setting) + " " + message.substring(core.length())
                                : propertyName(setting) + ": " + message);
            }
            return result;
        }
    }
}
