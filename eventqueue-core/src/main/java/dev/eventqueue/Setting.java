package dev.eventqueue;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One dispatcher setting, declared once in {@link EventQueueSettings}: its environment variable,
 * its property name, its type, default, allowed range and description. Reading variables,
 * validating the builder, the Spring binding, the startup line and the configuration reference
 * all come from these declarations.
 *
 * @param <T> the value's type: {@link Integer}, {@link Boolean}, {@link Duration}, {@link String}
 *     or an enum
 */
public final class Setting<T> {

    private final String environmentName;
    private final String propertyName;
    private final String builderName;
    private final Class<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final String range;
    private final Predicate<T> allowed;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final String description;

    Setting(
            String environmentName,
            String propertyName,
            String builderName,
            Class<T> type,
            T defaultValue,
            String defaultText,
            String range,
            Predicate<T> allowed,
            Function<String, T> parser,
            Function<T, String> formatter,
            String description) {
        this.environmentName = environmentName;
        this.propertyName = propertyName;
        this.builderName = builderName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.range = range;
        this.allowed = allowed;
        this.parser = parser;
        this.formatter = formatter;
        this.description = description;
    }

    /** The environment variable, e.g. {@code EVENT_QUEUE_BATCH_SIZE}. */
    public String environmentName() {
        return environmentName;
    }

    /** The property name under the {@code eventqueue.} prefix, e.g. {@code batch-size}. */
    public String propertyName() {
        return propertyName;
    }

    /** The {@link EventQueueConfig.Builder} method and accessor, e.g. {@code batchSize}. */
    public String builderName() {
        return builderName;
    }

    public Class<T> type() {
        return type;
    }

    /** The default, or {@code null} when it is derived from other settings (see {@link #defaultText()}). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the environment variable would spell it, or how it is derived. */
    public String defaultText() {
        return defaultText;
    }

    /** The allowed values in words, e.g. {@code 1..10000}. */
    public String range() {
        return range;
    }

    public String description() {
        return description;
    }

    /**
     * Reads a value as its environment variable spells it (durations in milliseconds).
     *
     * @throws IllegalArgumentException naming the variable, the value and the allowed range
     */
    public T parse(String raw) {
        Objects.requireNonNull(raw, environmentName);
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw invalid(raw, environmentName);
        }
        if (value == null || !allowed.test(value)) {
            throw invalid(raw, environmentName);
        }
        return value;
    }

    /**
     * Checks a value set through the builder or a property.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public T check(T value) {
        if (value == null || !allowed.test(value)) {
            throw invalid(value == null ? "null" : display(value), builderName);
        }
        return value;
    }

    /** The value as its environment variable would spell it. */
    public String format(T value) {
        return value == null ? "" : formatter.apply(value);
    }

    private String display(T value) {
        return value instanceof Duration d ? d.toMillis() + " ms" : String.valueOf(value);
    }

    private IllegalArgumentException invalid(String value, String name) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return new IllegalArgumentException(name + " must be " + range + ", but was '" + shown + "'");
    }

    @Override
    public String toString() {
        return environmentName;
    }

    static Setting<Integer> integer(
            String env, String property, String builder, int defaultValue, int min, int max, String description) {
        return new Setting<>(
                env,
                property,
                builder,
                Integer.class,
                defaultValue,
                String.valueOf(defaultValue),
                "an integer from " + min + " to " + max,
                v -> v >= min && v <= max,
                Integer::valueOf,
                String::valueOf,
                description);
    }

    static Setting<Boolean> bool(String env, String property, String builder, boolean defaultValue, String text) {
        return new Setting<>(
                env,
                property,
                builder,
                Boolean.class,
                defaultValue,
                String.valueOf(defaultValue),
                "true or false",
                v -> true,
                Setting::parseBoolean,
                String::valueOf,
                text);
    }

    static Setting<Duration> millis(
            String env,
            String property,
            String builder,
            Duration defaultValue,
            Duration min,
            Duration max,
            String description) {
        return new Setting<>(
                env,
                property,
                builder,
                Duration.class,
                defaultValue,
                defaultValue == null ? null : String.valueOf(defaultValue.toMillis()),
                "a duration from " + words(min) + " to " + words(max) + " (milliseconds in the environment variable)",
                v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0,
                text -> Duration.ofMillis(Long.parseLong(text)),
                v -> String.valueOf(v.toMillis()),
                description);
    }

    static <E extends Enum<E>> Setting<E> choice(
            String env, String property, String builder, Class<E> type, E defaultValue, String description) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : " or ")
                    .append(constant.name().toLowerCase(Locale.ROOT));
        }
        return new Setting<>(
                env,
                property,
                builder,
                type,
                defaultValue,
                defaultValue.name().toLowerCase(Locale.ROOT),
                names.toString(),
                v -> true,
                text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT)),
                v -> v.name().toLowerCase(Locale.ROOT),
                description);
    }

    static Setting<String> text(
            String env,
            String property,
            String builder,
            String defaultValue,
            String range,
            Predicate<String> allowed,
            String description) {
        return new Setting<>(
                env,
                property,
                builder,
                String.class,
                defaultValue,
                defaultValue,
                range,
                allowed,
                Function.identity(),
                Function.identity(),
                description);
    }

    /** A setting whose default is derived from others: {@code null} until set. */
    Setting<T> derivedDefault(String how) {
        return new Setting<>(
                environmentName,
                propertyName,
                builderName,
                type,
                null,
                how,
                range,
                allowed,
                parser,
                formatter,
                description);
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: " + value);
    }

    static String words(Duration duration) {
        if (duration.isZero()) {
            return "0 ms";
        }
        if (duration.toMillis() % 86_400_000 == 0) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMillis() + " ms";
    }
}
