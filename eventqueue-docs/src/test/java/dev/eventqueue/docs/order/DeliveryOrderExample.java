package dev.eventqueue.docs.order;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.QueueStats;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import javax.sql.DataSource;

/** The wiring snippets of docs/DELIVERY-ORDER.md, run by {@link DeliveryOrderDocTest}. */
final class DeliveryOrderExample {

    private DeliveryOrderExample() {}

    static EventDispatcher wire(DataSource dataSource, AccountProjection projection) {
        // tag::wiring[]
        EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(JdbcEventQueueRepository.builder(dataSource)
                        .createSchema(true)
                        .build())
                .handler(projection) // ordered per account
                .handler(new LedgerHandler()) // exactly-once ledger rows
                .build();
        dispatcher.start();
        // end::wiring[]
        return dispatcher;
    }

    static long blocked(EventDispatcher dispatcher) {
        // tag::blocked[]
        QueueStats stats = dispatcher.getStats();
        long blocked = stats.blockedAggregates(); // aggregates held back by a failed entry (BLOCK policy)
        // end::blocked[]
        return blocked;
    }
}
