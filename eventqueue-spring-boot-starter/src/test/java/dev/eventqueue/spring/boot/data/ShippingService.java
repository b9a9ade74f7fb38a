package dev.eventqueue.spring.boot.data;

import org.springframework.transaction.annotation.Transactional;

public class ShippingService {

    private final ShipmentRepository shipments;

    public ShippingService(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    @Transactional
    public void dispatch(String id) {
        shipments.save(Shipment.dispatch(id));
    }

    @Transactional
    public void dispatchThenFail(String id) {
        dispatch(id);
        throw new IllegalStateException("truck broke down");
    }
}
