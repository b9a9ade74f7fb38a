package dev.eventqueue.policies;

import dev.eventqueue.domain.AbstractDomainEvent;

public class OrderPlaced extends AbstractDomainEvent {

    private final String orderId;

    public OrderPlaced(String orderId) {
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
