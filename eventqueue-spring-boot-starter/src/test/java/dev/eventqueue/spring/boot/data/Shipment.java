package dev.eventqueue.spring.boot.data;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;

/** A Spring Data JDBC aggregate that registers its domain events the Spring Data way. */
public class Shipment extends AbstractAggregateRoot<Shipment> {

    @Id
    private final String id;

    @Version
    private Integer version;

    Shipment(String id, Integer version) {
        this.id = id;
        this.version = version;
    }

    static Shipment dispatch(String id) {
        Shipment shipment = new Shipment(id, null);
        shipment.registerEvent(new ShipmentDispatched(id));
        return shipment;
    }

    public String getId() {
        return id;
    }
}
