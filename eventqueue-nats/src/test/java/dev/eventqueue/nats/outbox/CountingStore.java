package dev.eventqueue.nats.outbox;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A target store that counts what was handed to it and what it actually enqueued. */
final class CountingStore extends ForwardingEventQueueRepository {

    private final AtomicInteger offered = new AtomicInteger();
    private final AtomicInteger inserted = new AtomicInteger();
    private volatile Predicate<NewQueueEntry> refused = entry -> false;

    CountingStore(EventQueueRepository delegate) {
        super(delegate);
    }

    /** Makes every enqueue that holds a matching entry fail, enqueuing nothing of it. */
    void refuse(Predicate<NewQueueEntry> refused) {
        this.refused = refused;
    }

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        if (entries.stream().anyMatch(refused)) {
            throw new IllegalArgumentException("refused by the test");
        }
        int count = super.enqueue(entries);
        offered.addAndGet(entries.size());
        inserted.addAndGet(count);
        return count;
    }

    int inserted() {
        return inserted.get();
    }

    /** Entries handed over again that the store already had, and dropped. */
    int dropped() {
        return offered.get() - inserted.get();
    }
}
