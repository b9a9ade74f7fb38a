package dev.eventqueue.nats.outbox;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.nats.ChildJvm;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A node, run in a JVM of its own, whose relay forwards one batch to JetStream, says so on standard
 * output ({@value #FORWARDED}) and then hangs before it can delete the rows, until the test kills
 * the JVM. Arguments: NATS URL, bucket prefix, JDBC URL, user, outbox table, event type.
 */
public final class ForwardThenHangRelay {

    static final String READY = "RELAY-READY";
    static final String FORWARDED = "RELAY-FORWARDED";

    private ForwardThenHangRelay() {}

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[2]);
        dataSource.setUser(args[3]);
        NatsEventQueueRepository nats =
                NatsEventQueueRepository.builder(args[0]).bucketPrefix(args[1]).build();
        ForwardingEventQueueRepository hangsAfterForwarding = new ForwardingEventQueueRepository(nats) {
            @Override
            public int enqueue(List<NewQueueEntry> entries) {
                int inserted = super.enqueue(entries);
                System.out.println(FORWARDED + " " + inserted);
                System.out.flush();
                while (true) {
                    LockSupport.park();
                }
            }
        };
        NatsOutboxRepository store = NatsOutboxRepository.builder(hangsAfterForwarding, dataSource)
                .tableName(args[4])
                .relayPollInterval(Duration.ofMillis(20))
                .relayLease(Duration.ofSeconds(2))
                .build();
        // A dispatcher with no handler for the events: it runs only so that the relay runs.
        EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(store)
                .handler(ScriptedHandler.named("not-this-one").types("Unused"))
                .eventType(args[5], TestEvent.class)
                .build();
        dispatcher.start();
        ChildJvm.announceAndWait(READY);
    }
}
