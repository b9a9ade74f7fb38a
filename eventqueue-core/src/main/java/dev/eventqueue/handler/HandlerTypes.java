package dev.eventqueue.handler;

import dev.eventqueue.domain.DomainEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/** Resolves the {@code E} of {@code EventHandler<E>} for a concrete handler class. */
final class HandlerTypes {

    private HandlerTypes() {}

    static Class<? extends DomainEvent> eventClassOf(Class<?> handlerClass) {
        Type resolved = resolve(handlerClass, new HashMap<>());
        if (resolved instanceof Class<?> type
                && DomainEvent.class.isAssignableFrom(type)
                && type != DomainEvent.class
                && !type.isInterface()) {
            return type.asSubclass(DomainEvent.class);
        }
        return null;
    }

    // Walks the type hierarchy, carrying type-variable bindings, until EventHandler's parameter is found.
    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            Map<TypeVariable<?>, Type> next = new HashMap<>(bindings);
            for (int i = 0; i < variables.length; i++) {
                Type argument = arguments[i];
                next.put(
                        variables[i],
                        argument instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : argument);
            }
            bindings = next;
            if (raw == EventHandler.class) {
                return bindings.get(variables[0]);
            }
        } else if (type instanceof Class<?> cls) {
            raw = cls;
        } else {
            return null;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = resolve(parent, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : resolve(superclass, bindings);
    }
}
