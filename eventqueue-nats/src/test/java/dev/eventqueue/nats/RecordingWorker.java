package dev.eventqueue.nats;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker node, run in a JVM of its own until the test kills it: its dispatcher runs the
 * {@value #HANDLER} handler on the JetStream store and says on standard output when an event's run
 * starts ({@value #STARTED} and the event id) and when the store has recorded its completion
 * ({@value #DONE}). Arguments: NATS URL, bucket prefix, lease in milliseconds.
 */
public final class RecordingWorker {

    static final String READY = "WORKER-READY";
    static final String STARTED = "STARTED";
    static final String DONE = "DONE";
    static final String HANDLER = "recorder";
    static final String TYPE = "Tick";

    private RecordingWorker() {}

    public static void main(String[] args) {
        NatsEventQueueRepository nats =
                NatsEventQueueRepository.builder(args[0]).bucketPrefix(args[1]).build();
        Map<UUID, UUID> eventOfEntry = new ConcurrentHashMap<>();
        // DONE is printed once the completion is stored, not when the handler returns: a kill in
        // between leaves the entry to run again, so it still counts as in flight.
        ForwardingEventQueueRepository reportsCompletions = new ForwardingEventQueueRepository(nats) {
            @Override
            public int complete(Collection<ClaimRef> claims, Instant now) {
                int completed = super.complete(claims, now);
                if (completed == claims.size()) {
                    for (ClaimRef claim : claims) {
                        UUID eventId = eventOfEntry.remove(claim.entryId());
                        if (eventId != null) {
                            System.out.println(DONE + " " + eventId);
                        }
                    }
                    System.out.flush();
                }
                return completed;
            }
        };
        ScriptedHandler handler = ScriptedHandler.named(HANDLER).types(TYPE).onHandle((event, context) -> {
            eventOfEntry.put(context.getEntryId(), event.getEventId());
            System.out.println(STARTED + " " + event.getEventId());
            System.out.flush();
            Thread.sleep(40); // long enough that several runs are in flight when the JVM is killed
        });
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(20))
                        .backgroundInterval(Duration.ofMillis(200))
                        .leaseDuration(Duration.ofMillis(Long.parseLong(args[2])))
                        .maxConcurrent(8)
                        .batchSize(8)
                        .build())
                .repository(reportsCompletions)
                .handler(handler)
                .eventType(TYPE, TestEvent.class)
                .build();
        dispatcher.start();
        System.out.println(READY);
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
