package dev.eventqueue.dispatch;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.serialization.EventTypeNames;
import dev.eventqueue.serialization.EventTypeRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Fan-out at publish: one queue entry per accepting handler, all events of a call in one
 * enqueue. The observers (the audit trail first) and the wake-up follow once the entries are
 * visible (after the caller's commit when the enqueue joined a transaction): the loops of this
 * node hear of entries due at once, and of the earliest delayed entry, so that each starts on time.
 */
public final class Publisher {

    private final EventQueueRepository repository;
    private final Clock clock;
    private final Listeners listeners;
    private final Interceptors interceptors;
    private final BiConsumer<Loop, Instant> wakeUp;
    /** The handlers in registration order, as an array: the fan-out loop runs once per published event. */
    private final EventHandler<?>[] accepting;
    /** The dispatcher's event types; stores read events back through it. */
    private final EventTypeRegistry eventTypes;
    /** Event classes already registered, so the registry is touched once per class. */
    private final Set<Class<?>> registeredClasses = ConcurrentHashMap.newKeySet();

    public Publisher(
            EventQueueRepository repository,
            HandlerRegistry handlers,
            Clock clock,
            Listeners listeners,
            Interceptors interceptors,
            EventTypeRegistry eventTypes,
            BiConsumer<Loop, Instant> wakeUp) {
        this.eventTypes = eventTypes;
        this.repository = repository;
        this.clock = clock;
        this.listeners = listeners;
        this.interceptors = interceptors;
        this.wakeUp = wakeUp;
        this.accepting = handlers.all().toArray(new EventHandler<?>[0]);
    }

    public void publishAll(List<? extends DomainEvent> events, Credentials credentials) {
        publishAll(events, null, credentials);
    }

    /**
     * Publishes {@code events}, each due at the instant at the same index of {@code dueAts}
     * ({@code null} as the list or as an element: due at once).
     */
    public void publishAll(List<? extends DomainEvent> events, List<Instant> dueAts, Credentials credentials) {
        if (events == null) {
            throw new IllegalArgumentException("events must not be null");
        }
        if (dueAts != null && dueAts.size() != events.size()) {
            throw new IllegalArgumentException(
                    "dueAts has " + dueAts.size() + " elements for " + events.size() + " events");
        }
        Instant now = clock.instant();
        DueSoon due = new DueSoon();
        List<NewQueueEntry> entries = new ArrayList<>(events.size() * accepting.length);
        boolean observed = !listeners.isEmpty();
        int[] entriesPerEvent = observed ? new int[events.size()] : null;
        boolean intercepted = !interceptors.isEmpty();
        List<EventQueueInterceptor.PublishScope> scopes = intercepted ? new ArrayList<>() : null;
        try {
            for (int i = 0; i < events.size(); i++) {
                DomainEvent event = validated(events.get(i), i);
                registerType(event);
                Instant dueAt = dueAts == null ? null : dueAts.get(i);
                if (dueAt != null && !dueAt.isAfter(now)) {
                    dueAt = null; // already due: an ordinary entry
                }
                int before = entries.size();
                for (EventHandler<?> handler : accepting) {
                    if (handler.canHandle(event)) {
                        Map<String, String> headers = Map.of();
                        if (intercepted) {
                            headers = new HashMap<>();
                            scopes.add(interceptors.onPublish(event, handler.getName(), headers));
                        }
                        entries.add(new NewQueueEntry(
                                EntryIds.next(),
                                event,
                                handler.getName(),
                                handler.getPriority(),
                                handler.isBackground(),
                                handler.getMaxRetries() + 1,
                                credentials,
                                now,
                                dueAt,
                                handler.isOrderedByAggregate() ? event.getAggregateId() : null,
                                headers));
                        due.add(Loop.of(handler.isBackground()), dueAt);
                    }
                }
                if (observed) {
                    entriesPerEvent[i] = entries.size() - before;
                }
            }
        } catch (RuntimeException e) {
            // Every publish scope begun so far ends, with the reason nothing was enqueued.
            endAll(scopes, e);
            throw e;
        }
        if (!entries.isEmpty()) {
            try {
                repository.enqueue(entries);
            } catch (RuntimeException e) {
                endAll(scopes, e);
                throw e;
            }
        }
        endAll(scopes, null);
        repository.afterEnqueueVisible(() -> {
            // The audit trail and listeners before the wake-up, so a publish is seen before its handler starts here.
            if (observed) {
                listeners.published(new Publication(events, entriesPerEvent, entries, credentials, now));
            }
            due.tell(wakeUp);
        });
    }

    private static void endAll(List<EventQueueInterceptor.PublishScope> scopes, Throwable error) {
        if (scopes != null) {
            for (EventQueueInterceptor.PublishScope scope : scopes) {
                Interceptors.endQuietly(scope, error);
            }
        }
    }

    /** For each loop, whether an entry is due at once and the earliest delayed entry. */
    private static final class DueSoon {
        private final boolean[] now = new boolean[2];
        private final Instant[] earliest = new Instant[2];

        void add(Loop loop, Instant dueAt) {
            int i = loop.ordinal();
            if (dueAt == null) {
                now[i] = true;
            } else if (earliest[i] == null || dueAt.isBefore(earliest[i])) {
                earliest[i] = dueAt;
            }
        }

        void tell(BiConsumer<Loop, Instant> wakeUp) {
            for (Loop loop : Loop.values()) {
                int i = loop.ordinal();
                if (now[i]) {
                    wakeUp.accept(loop, null);
                }
                if (earliest[i] != null) {
                    wakeUp.accept(loop, earliest[i]);
                }
            }
        }
    }

    private static DomainEvent validated(DomainEvent event, int index) {
        if (event == null) {
            throw new IllegalArgumentException("events[" + index + "] is null");
        }
        if (event.getEventId() == null) {
            throw new IllegalArgumentException("Event " + event.getClass().getName() + " has no event id");
        }
        String type = event.getEventType();
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("Event " + event.getClass().getName() + " has a blank event type");
        }
        String annotated = EventTypeNames.annotated(event.getClass());
        if (annotated != null && !annotated.equals(type)) {
            throw new IllegalArgumentException("Event " + event.getClass().getName() + " is annotated @EventType(\""
                    + annotated + "\") but its getEventType() returns '" + type + "'; make them agree");
        }
        if (type.length() > 255) {
            throw new IllegalArgumentException("Event type longer than 255 characters: '" + type + "'");
        }
        if (event.getOccurredAt() == null) {
            throw new IllegalArgumentException("Event " + event.getClass().getName() + " has no occurredAt");
        }
        return event;
    }

    private void registerType(DomainEvent event) {
        Class<? extends DomainEvent> type = event.getClass();
        if (!registeredClasses.contains(type) && registeredClasses.add(type)) {
            try {
                repository.requireReadable(type);
                eventTypes.register(event.getEventType(), type);
            } catch (RuntimeException e) {
                registeredClasses.remove(type);
                throw e;
            }
        }
    }
}
