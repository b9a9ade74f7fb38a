package dev.eventqueue.policies;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.Backoff;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;

// tag::handler-policies[]
public class ChargeCardHandler extends EventHandlerBase<OrderPlaced> {

    private final PaymentGateway gateway;
    private final Backoff backoff;

    public ChargeCardHandler(PaymentGateway gateway, Duration firstRetry) {
        this.gateway = gateway;
        // 1st retry after firstRetry, then 2x, 4x, ... up to 5 minutes, each up to 20 % shorter.
        this.backoff = Backoff.exponential(firstRetry, Duration.ofMinutes(5)).withJitter(0.2);
    }

    @Override
    public void handle(OrderPlaced event) throws Exception {
        gateway.charge(event.getOrderId());
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof OrderPlaced;
    }

    @Override
    public int getMaxRetries() {
        return 6;
    }

    @Override
    public Backoff getRetryBackoff() {
        return backoff;
    }

    @Override
    public boolean isRetryable(Exception error) {
        return !(error instanceof CardDeclinedException); // declined stays declined: fail at once
    }

    @Override
    public int getMaxConcurrency() {
        return 4; // the processor allows 4 calls at once per client
    }
}
// end::handler-policies[]
