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
 * The event classes a node may instantiate when reading events back, by type name. Each dispatcher
 * owns one, filled from its handlers' type arguments, its {@code eventType(...)} registrations and
 * every class it publishes, and hands it to its store once ({@code RepositoryContext}); thread-safe.
 *
 * <p>A class registered without a type name is bound under the name it reports (see
 * {@link EventTypeNames}); every bound class is also found under its simple name. A type name bound
 * to one class cannot be bound to another: that would read events as the wrong class.
 */
public final class EventTypeRegistry {

    private final Map<String, Class<? extends DomainEvent>> byTypeName = new ConcurrentHashMap<>();
    private final Map<String, Class<? extends DomainEvent>> bySimpleName = new ConcurrentHashMap<>();
    /** The current type name of each class bound by name (aliases excluded): upcasters are found by it. */
    private final Map<Class<?>, String> nameOfClass = new ConcurrentHashMap<>();
    /** Upcasters by current type name, then by the version they read. */
    private final Map<String, Map<Integer, EventUpcaster>> upcasters = new ConcurrentHashMap<>();
    /** Registries read after this one's own bindings: set only on a view made by {@link #and}. */
    private final List<EventTypeRegistry> included = new CopyOnWriteArrayList<>();

    /**
     * Binds a class under the type name it reports: its {@link dev.eventqueue.domain.EventType}
     * annotation, or {@code getEventType()} of an instance it can make.
     *
     * @return the name it was bound under
     * @throws IllegalArgumentException when that name cannot be told, or is bound to another class
     */
    public String register(Class<? extends DomainEvent> eventClass) {
        Objects.requireNonNull(eventClass, "eventClass");
        checkInstantiable(eventClass);
        String name = EventTypeNames.of(eventClass);
        register(name, eventClass);
        return name;
    }

    /**
     * A class a handler consumes: bound under the name it reports when that can be told, else found
     * under its simple name only (its events' names are learned when they are published here).
     */
    public void registerConsumed(Class<? extends DomainEvent> eventClass) {
        Objects.requireNonNull(eventClass, "eventClass");
        checkInstantiable(eventClass);
        Optional<String> name = EventTypeNames.find(eventClass);
        if (name.isPresent()) {
            register(name.get(), eventClass);
        } else {
            bySimpleName.putIfAbsent(eventClass.getSimpleName(), eventClass);
        }
    }

    /**
     * Binds a type name to a class.
     *
     * @throws IllegalArgumentException when the name is already bound to a different class, or the
     *     class is annotated with another name
     */
    public void register(String eventType, Class<? extends DomainEvent> eventClass) {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventClass, "eventClass");
        checkInstantiable(eventClass);
        String annotated = EventTypeNames.annotated(eventClass);
        if (annotated != null && !annotated.equals(eventType)) {
            throw new IllegalArgumentException("Event class " + eventClass.getName() + " is annotated @EventType(\""
                    + annotated + "\"); it cannot be bound to the type name '" + eventType + "'");
        }
        bind(eventType, eventClass);
        nameOfClass.putIfAbsent(eventClass, eventType);
        for (String alias : EventTypeNames.aliases(eventClass)) {
            bind(alias, eventClass);
        }
        bySimpleName.putIfAbsent(eventClass.getSimpleName(), eventClass);
    }

    /**
     * Binds a former name of a type to its class: entries stored under {@code alias} are read as
     * {@code eventClass} (and upcast as entries of its current name).
     *
     * @throws IllegalArgumentException when the alias is already bound to a different class
     */
    public void registerAlias(String alias, Class<? extends DomainEvent> eventClass) {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(eventClass, "eventClass");
        checkInstantiable(eventClass);
        bind(alias, eventClass);
    }

    /**
     * Adds an upcaster for the type it names.
     *
     * @throws IllegalArgumentException when another upcaster reads the same version of that type
     */
    public void registerUpcaster(EventUpcaster upcaster) {
        Objects.requireNonNull(upcaster, "upcaster");
        Objects.requireNonNull(upcaster.eventType(), "upcaster.eventType()");
        if (upcaster.fromVersion() < 1) {
            throw new IllegalArgumentException(
                    "Upcaster " + upcaster + " reads version " + upcaster.fromVersion() + "; versions start at 1");
        }
        EventUpcaster previous = upcasters
                .computeIfAbsent(upcaster.eventType(), name -> new ConcurrentHashMap<>())
                .putIfAbsent(upcaster.fromVersion(), upcaster);
        if (previous != null && previous != upcaster) {
            throw new IllegalArgumentException("Two upcasters read version " + upcaster.fromVersion()
                    + " of event type '" + upcaster.eventType() + "': " + previous + " and " + upcaster);
        }
    }

    /** The upcaster that reads {@code fromVersion} of the type named {@code eventType}, here or in an included registry. */
    public Optional<EventUpcaster> upcaster(String eventType, int fromVersion) {
        Map<Integer, EventUpcaster> own = upcasters.get(eventType);
        EventUpcaster found = own == null ? null : own.get(fromVersion);
        if (found != null) {
            return Optional.of(found);
        }
        for (EventTypeRegistry other : included) {
            Optional<EventUpcaster> theirs = other.upcaster(eventType, fromVersion);
            if (theirs.isPresent()) {
                return theirs;
            }
        }
        return Optional.empty();
    }

    /**
     * The current type name of a class: its annotation, else the name it was bound under here or in
     * an included registry, else its simple name. Upcasters are looked up by it.
     */
    public String typeNameOf(Class<? extends DomainEvent> eventClass) {
        String annotated = EventTypeNames.annotated(eventClass);
        if (annotated != null) {
            return annotated;
        }
        String bound = boundName(eventClass);
        return bound != null ? bound : eventClass.getSimpleName();
    }

    private String boundName(Class<?> eventClass) {
        String bound = nameOfClass.get(eventClass);
        for (int i = 0; bound == null && i < included.size(); i++) {
            bound = included.get(i).boundName(eventClass);
        }
        return bound;
    }

    /** The version of a class's shape: its {@link dev.eventqueue.domain.EventType#version()}, else 1. */
    public int versionOf(Class<? extends DomainEvent> eventClass) {
        return EventTypeNames.version(eventClass);
    }

    private void bind(String eventType, Class<? extends DomainEvent> eventClass) {
        Class<? extends DomainEvent> previous = byTypeName.putIfAbsent(eventType, eventClass);
        if (previous != null && previous != eventClass) {
            throw new IllegalArgumentException("Event type '" + eventType + "' is already bound to "
                    + previous.getName() + "; cannot bind it to " + eventClass.getName());
        }
    }

    /**
     * A registry with no bindings of its own that reads through this one, then {@code other}, as
     * they grow: what a store shared by several dispatchers reads with. Registrations go to the
     * dispatchers' registries, never to the result.
     *
     * @return {@code this} when {@code other} is this registry
     */
    public EventTypeRegistry and(EventTypeRegistry other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            return this;
        }
        EventTypeRegistry both = new EventTypeRegistry();
        both.included.add(this);
        both.included.add(other);
        return both;
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

    /** Whether the class is bound here (under any name) or in an included registry. */
    public boolean knowsClass(Class<?> eventClass) {
        if (nameOfClass.containsKey(eventClass)
                || bySimpleName.get(eventClass.getSimpleName()) == eventClass
                || byTypeName.containsValue(eventClass)) {
            return true;
        }
        for (EventTypeRegistry other : included) {
            if (other.knowsClass(eventClass)) {
                return true;
            }
        }
        return false;
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
