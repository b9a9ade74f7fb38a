package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.domain.EventPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Publishes numbered events with publishAll, in batches. */
final class Publishing {

    private Publishing() {}

    static void publish(EventPublisher publisher, long events, int batchSize) {
        Clock clock = Clock.systemUTC();
        List<BenchEvent> batch = new ArrayList<>(batchSize);
        for (long i = 0; i < events; i++) {
            batch.add(BenchEvent.next(i, clock.instant()));
            if (batch.size() == batchSize) {
                publisher.publishAll(batch, null);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            publisher.publishAll(batch, null);
        }
    }
}
