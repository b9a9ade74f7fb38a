package dev.eventqueue.spring.boot.data;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

public final class ShipmentDispatched extends AbstractDomainEvent {

    private final String shipmentId;

    public ShipmentDispatched(String shipmentId) {
        this.shipmentId = shipmentId;
    }

    public ShipmentDispatched(UUID eventId, Instant occurredAt, String shipmentId) {
        super(eventId, occurredAt);
        this.shipmentId = shipmentId;
    }

    public String getShipmentId() {
        return shipmentId;
    }

    @Override
    public String getAggregateId() {
        return shipmentId;
    }
}
