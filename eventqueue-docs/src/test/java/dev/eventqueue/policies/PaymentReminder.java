package dev.eventqueue.policies;

import dev.eventqueue.domain.AbstractDomainEvent;

public class PaymentReminder extends AbstractDomainEvent {

    private final String orderId;

    public PaymentReminder(String orderId) {
        this.orderId = orderId;
    }

    public String getOrderId() {
        return orderId;
    }

    @Override
    public String getAggregateId() {
        return orderId;
    }
}
