package dev.eventqueue.policies;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.Backoff;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

// tag::fixed-backoff[]
public class ReminderHandler extends EventHandlerBase<PaymentReminder> {

    final List<String> reminded = new CopyOnWriteArrayList<>();
    final List<Instant> remindedAt = new CopyOnWriteArrayList<>();

    @Override
    public void handle(PaymentReminder event) {
        reminded.add(event.getOrderId());
        remindedAt.add(Instant.now());
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof PaymentReminder;
    }

    @Override
    public Backoff getRetryBackoff() {
        return Backoff.fixed(Duration.ofSeconds(30));
    }
}
// end::fixed-backoff[]
