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

/**
 * A worker node, run in a JVM of its own until the test kills it: its dispatcher runs the
 * {@value #HANDLER} handler on the JetStream store and says on standard output, each time with the
 * event id, when a run starts ({@value #STARTED}), when its work is done ({@value #DONE}, before the
 * store hears of it) and when the store has recorded the completion ({@value #COMPLETED}).
 * Arguments: NATS URL, bucket prefix, lease in milliseconds.
 */
public final class RecordingWorker {

    static final String READY = "WORKER-READY";
    static final String STARTED = "STARTED";
    static final String DONE = "DONE";
    static final String COMPLETED = "COMPLETED";
    static final String HANDLER = "recorder";
    static final String TYPE = "Tick";

    private RecordingWorker() {}

    public static void main(String[] args) {
        NatsEventQueueRepository nats =
                NatsEventQueueRepository.builder(args[0]).bucketPrefix(args[1]).build();
        Map<UUID, UUID> eventOfEntry = new ConcurrentHashMap<>();
        // A kill between DONE and COMPLETED leaves a run whose work is done but whose entry the
        // store still holds as claimed: such a run is in flight and may run again.
        ForwardingEventQueueRepository reportsCompletions = new ForwardingEventQueueRepository(nats) {
            @Override
            public int complete(Collection<ClaimRef> claims, Instant now) {
                int completed = super.complete(claims, now);
                if (completed == claims.size()) {
                    for (ClaimRef claim : claims) {
                        UUID eventId = eventOfEntry.remove(claim.entryId());
                        if (eventId != null) {
                            System.out.println(COMPLETED + " " + eventId);
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
            System.out.println(DONE + " " + event.getEventId());
            System.out.flush();
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
        ChildJvm.announceAndWait(READY);
    }
}
