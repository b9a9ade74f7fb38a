package dev.eventqueue.spring.boot.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.spring.SpringEventPublisher;
import dev.eventqueue.spring.boot.autoconfigure.EventQueueAutoConfiguration;
import dev.eventqueue.spring.boot.fixtures.Apps;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import dev.eventqueue.testdatabases.NatsTestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@code eventqueue.nats.url} (or {@code EVENT_QUEUE_NATS_URL}) makes the auto-configured store the
 * NATS JetStream one, on a nats-server this test starts itself; without the property, or without
 * eventqueue-nats on the class path, the store stays as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NatsStarterTest {

    private NatsTestServers server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventQueueAutoConfiguration.class))
            .withPropertyValues("eventqueue.auto-startup=false");

    @BeforeAll
    void startServer() {
        server = NatsTestServers.single();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePropertySelectsTheJetStreamStore() {
        runner.withPropertyValues("eventqueue.nats.url=" + server.url(), "eventqueue.nats.bucket-prefix=selected")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EventQueueRepository repository =
                            context.getBean(EventDispatcher.class).getRepository();
                    assertThat(repository).isInstanceOf(NatsEventQueueRepository.class);
                    assertThat(((NatsEventQueueRepository) repository).bucketPrefix())
                            .isEqualTo("selected");
                });
    }

    @Test
    void withoutThePropertyOrWithoutTheModuleTheStoreIsNotJetStream() {
        runner.run(context -> assertThat(context.getBean(EventDispatcher.class).getRepository())
                .isNotInstanceOf(NatsEventQueueRepository.class));
        runner.withPropertyValues("eventqueue.nats.url=" + server.url())
                .withClassLoader(new FilteredClassLoader(NatsEventQueueRepository.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EventDispatcher.class)
                                    .getRepository()
                                    .getClass()
                                    .getName())
                            .doesNotContain("Nats");
                });
    }

    @Test
    void choosingJetStreamAndTheDatabaseFailsStartup() {
        runner.withPropertyValues("eventqueue.nats.url=" + server.url(), "eventqueue.use-database=true")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("eventqueue.nats.url (EVENT_QUEUE_NATS_URL) and "
                                + "eventqueue.use-database (USE_DATABASE_EVENT_QUEUE) both choose"));
    }

    @Test
    void theEnvironmentVariablesSelectItAndADispatcherOnItDeliversAnEvent() {
        try (ConfigurableApplicationContext app = Apps.run(
                DeliveringApplication.class,
                Map.of(
                        NatsEventQueueRepository.URL_VARIABLE,
                        server.url(),
                        NatsEventQueueRepository.BUCKET_PREFIX_VARIABLE,
                        "delivering",
                        "eventqueue.processing-interval",
                        "100"))) {
            EventDispatcher dispatcher = app.getBean(EventDispatcher.class);
            assertThat(dispatcher.getRepository())
                    .isInstanceOfSatisfying(
                            NatsEventQueueRepository.class,
                            store -> assertThat(store.bucketPrefix()).isEqualTo("delivering"));
            assertThat(dispatcher.isRunning()).isTrue();

            OrderPlaced event = new OrderPlaced("order-7");
            app.getBean(SpringEventPublisher.class).publish(event);

            OrdersHandler handler = app.getBean(OrdersHandler.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 1);
            assertThat(handler.handled).containsExactly("order-7");
            assertThat(dispatcher.getRepository().findByEventId(event.getEventId()))
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.status().name()).isEqualToIgnoringCase("completed"));
        }
    }

    /** The auto-configuration and one handler. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class DeliveringApplication {
        @Bean
        OrdersHandler ordersHandler() {
            return new OrdersHandler();
        }
    }

    static class OrdersHandler extends EventHandlerBase<OrderPlaced> {
        final List<String> handled = new CopyOnWriteArrayList<>();

        @Override
        public void handle(OrderPlaced event) {
            handled.add(event.getOrderId());
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof OrderPlaced;
        }
    }
}
