package dev.eventqueue.spring.boot.data;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public class ShipmentHandler extends EventHandlerBase<ShipmentDispatched> {

    private final List<String> handled = new CopyOnWriteArrayList<>();

    @Override
    public void handle(ShipmentDispatched event) {
        handled.add(event.getShipmentId());
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof ShipmentDispatched;
    }

    @Override
    public String getName() {
        return "shipment-handler";
    }

    List<String> handled() {
        return List.copyOf(handled);
    }
}
