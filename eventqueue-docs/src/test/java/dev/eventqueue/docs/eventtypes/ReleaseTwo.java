package dev.eventqueue.docs.eventtypes;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.handler.EventHandler;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.serialization.EventUpcaster;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The release that renamed {@code AnswerChanged} to {@code AnswerUpdated} and its {@code text} to {@code body}. */
final class ReleaseTwo {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseTwo.class);

    private ReleaseTwo() {}

    static EventDispatcher dispatcher(
            JdbcEventQueueRepository repository, EventQueueConfig config, EventHandler<?> answerHandler) {
        // tag::upcaster[]
        EventUpcaster textBecameBody = EventUpcaster.of("AnswerUpdated", 1, payload -> {
            payload.put("body", payload.remove("text"));
            return payload;
        });
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .handler(answerHandler)
                .eventType(AnswerUpdated.class) // consumed here, published elsewhere
                .upcaster(textBecameBody) // version 1 -> 2; add one per version step
                .build();
        // end::upcaster[]
        return dispatcher;
    }

    static int redrive(EventDispatcher dispatcher) {
        // tag::redrive[]
        List<QueueEntry> unreadable = dispatcher.getFailedEntries(100, QueueEntry.UNREADABLE_ERROR_PREFIX);
        for (QueueEntry entry : unreadable) {
            LOG.warn("Unreadable {} {}: {}", entry.eventType(), entry.eventId(), entry.error());
        }
        int retried = dispatcher.retryFailedEvents(100); // back to pending, with their full attempts again
        // end::redrive[]
        return retried;
    }
}
