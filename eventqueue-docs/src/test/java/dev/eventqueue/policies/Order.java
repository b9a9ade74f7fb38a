package dev.eventqueue.policies;

import dev.eventqueue.domain.AggregateRoot;
import java.time.Duration;
import java.time.Instant;

// tag::delayed-aggregate[]
public class Order extends AggregateRoot {

    private final String id;

    public Order(String id) {
        this.id = id;
    }

    public void place(Duration paymentWindow) {
        addDomainEvent(new OrderPlaced(id));
        // Delivered once the window has passed, after the order is saved and its events published.
        addDomainEvent(new PaymentReminder(id), Instant.now().plus(paymentWindow));
    }
}
// end::delayed-aggregate[]
