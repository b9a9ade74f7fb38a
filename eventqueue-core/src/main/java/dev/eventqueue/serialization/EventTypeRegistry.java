package dev.eventqueue.serialization;

import dev.eventqueue.domain.DomainEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event classes a node may instantiate when reading events back, by type name. Filled from
 * handlers' type arguments, from every publish in this JVM, and by hand; thread-safe.
 *
 * <p>A class registered without a type name is found under its simple name, which is the type
 * name {@link dev.eventqueue.domain.AbstractDomainEvent} gives by default. A type name bound to
 * one class cannot be bound to another: that would read events as the wrong class.
 */
public final class EventTypeRegistry {

    private final Map<String, Class<? extends DomainEvent>> byTypeName = new ConcurrentHashMap<>();
    private final Map<String, Class<? extends DomainEvent>> bySimpleName = new ConcurrentHashMap<>();
    /** Registries consulted after this one's own bindings: those of the dispatchers a store serves. */
    private final List<EventTypeRegistry> included = new CopyOnWriteArrayList<>();

    /** Registers a class whose type name is not known (yet); found under its simple name. */
    public void register(Class<? extends DomainEvent> eventClass) {
        Objects.requireNonNull(eventClass, "eventClass");
        checkInstantiable(eventClass);
        bySimpleName.putIfAbsent(eventClass.getSimpleName(), eventClass);
    }

    /**
     * Binds a type name to a class.
     *
     * @throws IllegalArgumentException when the name is already bound to a different class
     */
    public void register(String eventType, Class<? extends DomainEvent> eventClass) {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventClass, "eventClass");
        checkInstantiable(eventClass);
        Class<? extends DomainEvent> previous = byTypeName.putIfAbsent(eventType, eventClass);
        if (previous != null && previous != eventClass) {
            throw new IllegalArgumentException("Event type '" + eventType + "' is already bound to "
                    + previous.getName() + "; cannot bind it to " + eventClass.getName());
        }
        bySimpleName.putIfAbsent(eventClass.getSimpleName(), eventClass);
    }

    /**
     * Consults {@code other} too, after this registry's own bindings, now and as it grows: a store
     * shared by several dispatchers reads the types each of them knows.
     */
    public void include(EventTypeRegistry other) {
        Objects.requireNonNull(other, "other");
        if (other != this && !included.contains(other)) {
            included.add(other);
        }
    }

    /** The class for a stored type name: an explicit binding first, then a simple-name match, then included registries. */
    public Optional<Class<? extends DomainEvent>> resolve(String eventType) {
        Class<? extends DomainEvent> bound = byTypeName.get(eventType);
        if (bound == null) {
            bound = bySimpleName.get(eventType);
        }
        if (bound == null) {
            for (EventTypeRegistry other : included) {
                Optional<Class<? extends DomainEvent>> found = other.resolve(eventType);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.ofNullable(bound);
    }

    /** The type names bound so far, for error messages and diagnostics. */
    public Set<String> knownTypeNames() {
        Set<String> names = new TreeSet<>(byTypeName.keySet());
        names.addAll(bySimpleName.keySet());
        for (EventTypeRegistry other : included) {
            names.addAll(other.knownTypeNames());
        }
        return names;
    }

    private static void checkInstantiable(Class<? extends DomainEvent> eventClass) {
        if (eventClass.isInterface() || java.lang.reflect.Modifier.isAbstract(eventClass.getModifiers())) {
            throw new IllegalArgumentException("Event class " + eventClass.getName()
                    + " is abstract or an interface; register the concrete event class");
        }
    }
}
