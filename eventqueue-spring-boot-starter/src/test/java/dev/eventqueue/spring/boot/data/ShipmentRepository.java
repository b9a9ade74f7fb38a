package dev.eventqueue.spring.boot.data;

import org.springframework.data.repository.CrudRepository;

public interface ShipmentRepository extends CrudRepository<Shipment, String> {}
