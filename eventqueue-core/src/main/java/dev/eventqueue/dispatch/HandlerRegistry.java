package dev.eventqueue.dispatch;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The handlers of one dispatcher, by name; immutable. */
public final class HandlerRegistry {

    private static final Duration MAX_TIMEOUT = Duration.ofDays(7);

    private final Map<String, EventHandler<?>> byName;
    private final Map<String, Duration> timeouts;
    private final Set<String> foregroundNames;
    private final Set<String> backgroundNames;

    /** Handlers with the default timeout of {@link EventHandler#DEFAULT_TIMEOUT}. */
    public HandlerRegistry(Collection<? extends EventHandler<?>> handlers) {
        this(handlers, EventHandler.DEFAULT_TIMEOUT);
    }

    /**
     * @param defaultTimeout the timeout of handlers that do not override {@link EventHandler#getTimeout()}
     */
    public HandlerRegistry(Collection<? extends EventHandler<?>> handlers, Duration defaultTimeout) {
        Map<String, EventHandler<?>> map = new LinkedHashMap<>();
        Map<String, Duration> timeoutsByName = new LinkedHashMap<>();
        for (EventHandler<?> handler : handlers) {
            Objects.requireNonNull(handler, "handler");
            String name = handler.getName();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(
                        "Handler " + handler.getClass().getName() + " has a blank name");
            }
            if (name.length() > 255) {
                throw new IllegalArgumentException("Handler name longer than 255 characters: '" + name + "'");
            }
            if (handler.getMaxRetries() < 0) {
                throw new IllegalArgumentException(
                        "Handler '" + name + "' has getMaxRetries() < 0: " + handler.getMaxRetries());
            }
            if (handler.getRetryDelay() == null || handler.getRetryDelay().isNegative()) {
                throw new IllegalArgumentException(
                        "Handler '" + name + "' has a negative or null getRetryDelay(): " + handler.getRetryDelay());
            }
            timeoutsByName.put(name, timeoutOf(handler, defaultTimeout));
            EventHandler<?> previous = map.putIfAbsent(name, handler);
            if (previous != null) {
                throw new IllegalArgumentException("Two handlers are named '" + name + "': "
                        + previous.getClass().getName() + " and "
                        + handler.getClass().getName()
                        + "; handler names must be unique (override getName())");
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(map);
        this.timeouts = Map.copyOf(timeoutsByName);
        this.foregroundNames = namesWhere(map, false);
        this.backgroundNames = namesWhere(map, true);
    }

    private static Set<String> namesWhere(Map<String, EventHandler<?>> map, boolean background) {
        return map.values().stream()
                .filter(h -> h.isBackground() == background)
                .map(EventHandler::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Handlers whose {@code canHandle} accepts the event, in registration order. */
    public List<EventHandler<?>> accepting(DomainEvent event) {
        List<EventHandler<?>> accepting = new ArrayList<>(2);
        for (EventHandler<?> handler : byName.values()) {
            if (handler.canHandle(event)) {
                accepting.add(handler);
            }
        }
        return accepting;
    }

    /** The timeout of one call of the named handler. */
    public Duration timeoutOf(String name) {
        return timeouts.get(name);
    }

    /** The shortest timeout of all handlers, or {@code fallback} when there are none. */
    public Duration shortestTimeout(Duration fallback) {
        return timeouts.values().stream().min(Duration::compareTo).orElse(fallback);
    }

    private static Duration timeoutOf(EventHandler<?> handler, Duration defaultTimeout) {
        if (!overridesTimeout(handler)) {
            return defaultTimeout;
        }
        Duration timeout = handler.getTimeout();
        if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("Handler '" + handler.getName() + "' has getTimeout() " + timeout
                    + "; it must be from 1 ms to 7 days");
        }
        return timeout;
    }

    /** Whether the handler's class chose a timeout of its own rather than inheriting the default. */
    private static boolean overridesTimeout(EventHandler<?> handler) {
        try {
            return handler.getClass().getMethod("getTimeout").getDeclaringClass() != EventHandler.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    public EventHandler<?> byName(String name) {
        return byName.get(name);
    }

    public Set<String> names(boolean background) {
        return background ? backgroundNames : foregroundNames;
    }

    public Collection<EventHandler<?>> all() {
        return byName.values();
    }
}
