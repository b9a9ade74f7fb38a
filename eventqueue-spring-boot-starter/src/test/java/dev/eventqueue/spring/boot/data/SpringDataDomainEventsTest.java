package dev.eventqueue.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Events registered with Spring Data's {@code AbstractAggregateRoot} reach the JDBC queue in the
 * repository save's transaction, with no eventqueue code in the aggregate or the service.
 */
@SpringBootTest(
        classes = SpringDataApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:springdata;DB_CLOSE_DELAY=-1",
            "eventqueue.use-database=true",
            "eventqueue.jdbc.create-schema=true",
            "eventqueue.processing-interval=100ms"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpringDataDomainEventsTest {

    @Autowired
    ShippingService shipping;

    @Autowired
    ShipmentHandler handler;

    @Autowired
    EventDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Test
    void savingTheAggregateEnqueuesItsEventsInTheSameTransaction() {
        assertThat(dispatcher.getRepository()).isInstanceOf(JdbcEventQueueRepository.class);

        shipping.dispatch("s-1");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(handler.handled()).containsExactly("s-1"));
    }

    @Test
    void rollingBackTheSaveDropsItsEvents() {
        assertThatThrownBy(() -> shipping.dispatchThenFail("s-rolled-back")).hasMessageContaining("truck");

        assertThat(jdbc.sql("select count(*) from event_queue where aggregate_id = 's-rolled-back'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from shipment where id = 's-rolled-back'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
