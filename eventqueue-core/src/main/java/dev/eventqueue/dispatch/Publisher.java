package dev.eventqueue.dispatch;

import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.serialization.EventTypeRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fan-out at publish: one queue entry per accepting handler, all events of a call in one
 * enqueue. Audit records and the wake-up follow once the entries are visible (after the
 * caller's commit when the enqueue joined a transaction).
 */
public final class Publisher {

    private final EventQueueRepository repository;
    private final Clock clock;
    private final Auditor auditor;
    private final Listeners listeners;
    private final Interceptors interceptors;
    private final Runnable wakeUp;
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
            Auditor auditor,
            Listeners listeners,
            Interceptors interceptors,
            EventTypeRegistry eventTypes,
            Runnable wakeUp) {
        this.interceptors = interceptors;
        this.eventTypes = eventTypes;
        this.repository = repository;
        this.clock = clock;
        this.auditor = auditor;
        this.listeners = listeners;
        this.wakeUp = wakeUp;
        this.accepting = handlers.all().toArray(new EventHandler<?>[0]);
    }

    public void publishAll(List<? extends DomainEvent> events, Credentials credentials) {
        if (events == null) {
            throw new IllegalArgumentException("events must not be null");
        }
        Instant now = clock.instant();
        List<NewQueueEntry> entries = new ArrayList<>(events.size() * accepting.length);
        boolean countPerEvent = !listeners.isEmpty();
        int[] entriesPerEvent = countPerEvent ? new int[events.size()] : null;
        boolean foreground = false;
        boolean intercepted = !interceptors.isEmpty();
        List<EventQueueInterceptor.PublishScope> scopes = intercepted ? new ArrayList<>() : null;
        try {
            for (int i = 0; i < events.size(); i++) {
                DomainEvent event = validated(events.get(i), i);
                registerType(event);
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
                                null,
                                null,
                                headers));
                        foreground |= !handler.isBackground();
                    }
                }
                if (countPerEvent) {
                    entriesPerEvent[i] = entries.size() - before;
                }
            }
            if (!entries.isEmpty()) {
                repository.enqueue(entries);
            }
        } catch (RuntimeException e) {
            // Every publish span begun so far ends, with the reason nothing was enqueued.
            endAll(scopes, e);
            throw e;
        }
        endAll(scopes, null);
        boolean wake = foreground;
        repository.afterEnqueueVisible(() -> {
            // Audit and listeners before the wake-up, so a publish is seen before its handler starts here.
            if (auditor.enabled()) {
                auditor.recordAll(publishedRecords(events, entries, credentials, now));
            }
            if (countPerEvent) {
                for (int i = 0; i < events.size(); i++) {
                    listeners.onPublished(events.get(i), entriesPerEvent[i]);
                }
            }
            if (wake) {
                wakeUp.run();
            }
        });
    }

    private static void endAll(List<EventQueueInterceptor.PublishScope> scopes, Throwable error) {
        if (scopes != null) {
            for (EventQueueInterceptor.PublishScope scope : scopes) {
                Interceptors.endQuietly(scope, error);
            }
        }
    }

    private static List<AuditRecord> publishedRecords(
            List<? extends DomainEvent> events, List<NewQueueEntry> entries, Credentials credentials, Instant now) {
        List<AuditRecord> records = new ArrayList<>(entries.size() + 1);
        Map<UUID, Boolean> accepted = new java.util.HashMap<>();
        for (NewQueueEntry entry : entries) {
            accepted.put(entry.event().getEventId(), Boolean.TRUE);
            records.add(Auditor.published(
                    entry.event().getEventId(), entry.event().getEventType(), entry.handlerName(), credentials, now));
        }
        for (DomainEvent event : events) {
            if (!accepted.containsKey(event.getEventId())) {
                // No handler wanted it; the trail still shows it was published.
                records.add(Auditor.published(event.getEventId(), event.getEventType(), null, credentials, now));
            }
        }
        return records;
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
                eventTypes.register(event.getEventType(), type);
            } catch (RuntimeException e) {
                registeredClasses.remove(type);
                throw e;
            }
        }
    }
}
