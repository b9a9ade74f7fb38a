package dev.eventqueue.policies;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The publishing calls of the delivery policies page. */
class DelayedPublishing {

    // tag::publish-delayed[]
    void remind(EventDispatcher dispatcher, Duration delay) {
        // Delivered at or after an instant, judged by the queue's clock (the database's, for a database queue).
        dispatcher.publishAt(new PaymentReminder("order-42"), Instant.now().plus(delay), null);
        // The same, counted from the queue's clock now.
        dispatcher.publishAfter(new PaymentReminder("order-43"), delay, null);
        // Several events, one batch, one instant.
        dispatcher.publishAllAt(
                List.of(new PaymentReminder("order-44"), new PaymentReminder("order-45")),
                Instant.now().plus(delay),
                new Credentials("billing", "SYSTEM"));
    }
    // end::publish-delayed[]

    // tag::publish-aggregate[]
    void placeOrder(EventDispatcher dispatcher, Duration paymentWindow) {
        Order order = new Order("order-46");
        order.place(paymentWindow);
        // save the order, then:
        order.publishAndClearDomainEvents(dispatcher, null);
    }
    // end::publish-aggregate[]
}
