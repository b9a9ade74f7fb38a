package dev.eventqueue.spring.boot.data;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ShippingService.class, ShipmentHandler.class})
public class SpringDataApplication {

    /** The aggregate's table, in this context's own in-memory database. */
    @Bean
    Object shipmentTable(JdbcClient jdbc) {
        jdbc.sql("create table shipment (id varchar(64) primary key, version int)")
                .update();
        return "shipment";
    }
}
