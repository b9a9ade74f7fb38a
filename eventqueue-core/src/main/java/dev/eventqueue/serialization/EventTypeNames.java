package dev.eventqueue.serialization;

import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The type name an event class reports, told without one of its events at hand: its
 * {@link EventType} annotation, else the simple class name when it keeps
 * {@link AbstractDomainEvent}'s {@code getEventType()}, else {@code getEventType()} of an instance
 * made through one of its constructors (no-arg first, then the others with empty arguments, then
 * with plain non-null ones: {@code ""}, zero, the epoch, empty collections).
 */
public final class EventTypeNames {

    private static final ClassValue<String> ANNOTATED = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            EventType annotation = type.getAnnotation(EventType.class);
            return annotation == null ? null : annotation.value();
        }
    };

    private EventTypeNames() {}

    /** The version of the class's shape: its {@link EventType#version()}, else 1. */
    public static int version(Class<?> eventClass) {
        EventType annotation = eventClass.getAnnotation(EventType.class);
        return annotation == null ? 1 : annotation.version();
    }

    /** The former names the class's {@link EventType} annotation lists. */
    public static java.util.List<String> aliases(Class<?> eventClass) {
        EventType annotation = eventClass.getAnnotation(EventType.class);
        return annotation == null ? java.util.List.of() : java.util.List.of(annotation.aliases());
    }

    /** The name of the class's {@link EventType} annotation, or {@code null} when it has none. */
    public static String annotated(Class<?> eventClass) {
        return ANNOTATED.get(eventClass);
    }

    /** The name the class reports, when it can be told. */
    public static Optional<String> find(Class<? extends DomainEvent> eventClass) {
        String annotated = annotated(eventClass);
        if (annotated != null) {
            return Optional.of(annotated);
        }
        if (AbstractDomainEvent.class.isAssignableFrom(eventClass) && keepsDefaultEventType(eventClass)) {
            return Optional.of(eventClass.getSimpleName());
        }
        return fromInstance(eventClass);
    }

    /**
     * The name the class reports.
     *
     * @throws IllegalArgumentException when it cannot be told, saying how to name the type
     */
    public static String of(Class<? extends DomainEvent> eventClass) {
        return find(eventClass)
                .orElseThrow(() -> new IllegalArgumentException("Cannot tell the event type name of "
                        + eventClass.getName() + ": it has no @EventType annotation and no instance made through "
                        + "its constructors reports a name. Annotate it with @EventType(\"TheName\") (the name its "
                        + "getEventType() returns), or register it with its name: eventType(\"TheName\", "
                        + eventClass.getSimpleName() + ".class)"));
    }

    private static boolean keepsDefaultEventType(Class<?> eventClass) {
        try {
            return eventClass.getMethod("getEventType").getDeclaringClass() == AbstractDomainEvent.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Optional<String> fromInstance(Class<? extends DomainEvent> eventClass) {
        Constructor<?>[] constructors = eventClass.getDeclaredConstructors();
        Arrays.sort(constructors, Comparator.comparingInt(Constructor::getParameterCount));
        for (boolean nonNull : new boolean[] {false, true}) {
            Optional<String> name = fromInstance(constructors, nonNull);
            if (name.isPresent()) {
                return name;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromInstance(Constructor<?>[] constructors, boolean nonNull) {
        for (Constructor<?> constructor : constructors) {
            if (nonNull && constructor.getParameterCount() == 0) {
                continue;
            }
            try {
                constructor.setAccessible(true);
                Object instance = constructor.newInstance(arguments(constructor.getParameterTypes(), nonNull));
                String name = ((DomainEvent) instance).getEventType();
                if (name != null && !name.isBlank()) {
                    return Optional.of(name);
                }
            } catch (InstantiationException
                    | IllegalAccessException
                    | InvocationTargetException
                    | RuntimeException
                    | LinkageError e) {
                // This constructor refuses these arguments (or is not accessible); try the next.
            }
        }
        return Optional.empty();
    }

    private static Object[] arguments(Class<?>[] types, boolean nonNull) {
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = argument(types[i], nonNull);
        }
        return arguments;
    }

    private static Object argument(Class<?> type, boolean nonNull) {
        if (!type.isPrimitive()) {
            return nonNull ? plainValue(type) : null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    /** A harmless non-null value for constructors that reject nulls; {@code null} for other types. */
    private static Object plainValue(Class<?> type) {
        if (type == String.class || type == CharSequence.class) {
            return "";
        }
        if (type == java.util.UUID.class) {
            return new java.util.UUID(0, 0);
        }
        if (type == java.time.Instant.class) {
            return java.time.Instant.EPOCH;
        }
        if (type == java.util.List.class || type == java.util.Collection.class) {
            return java.util.List.of();
        }
        if (type == java.util.Set.class) {
            return java.util.Set.of();
        }
        if (type == java.util.Map.class) {
            return java.util.Map.of();
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return argument(unboxed(type), false);
        }
        if (type == Boolean.class) {
            return Boolean.FALSE;
        }
        if (type == java.math.BigDecimal.class) {
            return java.math.BigDecimal.ZERO;
        }
        if (type.isEnum() && type.getEnumConstants().length > 0) {
            return type.getEnumConstants()[0];
        }
        return null;
    }

    private static Class<?> unboxed(Class<?> boxed) {
        if (boxed == Long.class) {
            return long.class;
        }
        if (boxed == Short.class) {
            return short.class;
        }
        if (boxed == Byte.class) {
            return byte.class;
        }
        return int.class;
    }
}
