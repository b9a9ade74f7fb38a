package dev.eventqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.dashboard.DashboardApi;
import dev.eventqueue.micrometer.EventQueueGauges;
import dev.eventqueue.micrometer.EventQueueMetricsListener;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.spring.CredentialsProvider;
import dev.eventqueue.spring.DomainApplicationEventBridge;
import dev.eventqueue.spring.actuate.EventQueueEndpoint;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import dev.eventqueue.spring.security.SecurityContextCredentialsProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans the auto-configuration contributes, and that it backs off for the application's own. */
class AutoConfigurationConditionsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EventQueueAutoConfiguration.class,
                    EventQueueMetricsAutoConfiguration.class,
                    EventQueueEndpointAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class OwnRepository {
        static final InMemoryEventQueueRepository REPOSITORY = new InMemoryEventQueueRepository();

        @Bean
        EventQueueRepository myRepository() {
            return REPOSITORY;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class H2DataSource {
        @Bean
        javax.sql.DataSource dataSource() {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL("jdbc:h2:mem:eq_conditions_"
                    + java.util.UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
    }

    // Regression: Spring binds "yes" as true, so the JDBC condition must too, or startup failed
    // with a misleading "no DataSource" message.
    @Test
    void theStoreConditionReadsUseDatabaseLikeTheSettings() {
        runner.withUserConfiguration(H2DataSource.class)
                .withPropertyValues("eventqueue.use-database=yes", "eventqueue.jdbc.create-schema=true")
                .run(context -> assertThat(
                                context.getBean(EventDispatcher.class).getRepository())
                        .isInstanceOf(dev.eventqueue.jdbc.JdbcEventQueueRepository.class));
        runner.withUserConfiguration(H2DataSource.class)
                .withPropertyValues("eventqueue.use-database=false")
                .run(context -> assertThat(
                                context.getBean(EventDispatcher.class).getRepository())
                        .isNotInstanceOf(dev.eventqueue.jdbc.JdbcEventQueueRepository.class));
    }

    @Test
    void aNegativeVacuumAfterStopsTheStartWithTheSettingNamed() {
        runner.withUserConfiguration(H2DataSource.class)
                .withPropertyValues("eventqueue.use-database=true", "eventqueue.jdbc.vacuum-after=-5")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("vacuumAfter must be 0 (off) or a number of entries, but was -5"));
    }

    @Test
    void completedEntriesAreDeletedWhenTheyAreNotToBeKept() {
        runner.withUserConfiguration(H2DataSource.class)
                .withPropertyValues(
                        "eventqueue.use-database=true",
                        "eventqueue.jdbc.create-schema=true",
                        "eventqueue.jdbc.keep-completed-entries=false")
                .run(context -> {
                    EventQueueRepository repository = context.getBean(EventQueueRepository.class);
                    dev.eventqueue.serialization.EventTypeRegistry types =
                            new dev.eventqueue.serialization.EventTypeRegistry();
                    types.register(OrderPlaced.class);
                    repository.attach(new dev.eventqueue.queue.RepositoryContext(types, 1_000_000));
                    java.time.Instant now = repository.clock().instant();
                    OrderPlaced event = new OrderPlaced("order-1");
                    repository.enqueue(List.of(new dev.eventqueue.queue.NewQueueEntry(
                            java.util.UUID.randomUUID(), event, "h", 100, false, 1, null, now)));
                    dev.eventqueue.queue.ClaimedEntry claimed = repository
                            .claim(new dev.eventqueue.queue.ClaimRequest(
                                    now,
                                    1,
                                    dev.eventqueue.queue.Loop.FOREGROUND,
                                    java.util.Set.of("h"),
                                    "node",
                                    now.plusSeconds(30)))
                            .get(0);

                    assertThat(repository.complete(List.of(claimed.ref()), now)).isEqualTo(1);
                    assertThat(repository.findByEventId(event.getEventId())).isEmpty();
                });
    }

    @Test
    void anApplicationRepositoryIsUsedAsIs() {
        runner.withUserConfiguration(OwnRepository.class)
                .run(context -> assertThat(
                                context.getBean(EventDispatcher.class).getRepository())
                        .isSameAs(OwnRepository.REPOSITORY));
    }

    @Test
    void metersOnlyWithAMeterRegistry() {
        runner.run(context -> assertThat(context)
                .doesNotHaveBean(EventQueueMetricsListener.class)
                .doesNotHaveBean(EventQueueGauges.class));
        runner.withUserConfiguration(Registry.class)
                .run(context -> assertThat(context)
                        .hasSingleBean(EventQueueMetricsListener.class)
                        .hasSingleBean(EventQueueGauges.class));
    }

    @Test
    void endpointOnlyWhenExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(EventQueueEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=eventqueue")
                .run(context -> assertThat(context).hasSingleBean(EventQueueEndpoint.class));
    }

    @Test
    void dashboardOnlyWhenEnabledInAServletApplication() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        EventQueueAutoConfiguration.class, EventQueueDashboardAutoConfiguration.class));
        web.run(context -> assertThat(context)
                .hasSingleBean(EventDispatcher.class)
                .doesNotHaveBean(DashboardApi.class)
                .doesNotHaveBean("eventQueueDashboardServlet"));
        web.withPropertyValues("eventqueue.dashboard.enabled=true")
                .run(context ->
                        assertThat(context).hasSingleBean(DashboardApi.class).hasBean("eventQueueDashboardServlet"));
        runner.withConfiguration(AutoConfigurations.of(EventQueueDashboardAutoConfiguration.class))
                .withPropertyValues("eventqueue.dashboard.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardApi.class));
    }

    @Test
    void switchesTurnOffTheBridgeAndTheSecurityCredentials() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(DomainApplicationEventBridge.class)
                .getBean(CredentialsProvider.class)
                .isInstanceOf(SecurityContextCredentialsProvider.class));
        runner.withPropertyValues(
                        "eventqueue.application-events.enabled=false",
                        "eventqueue.security.credentials-from-context=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(DomainApplicationEventBridge.class)
                        .doesNotHaveBean(CredentialsProvider.class));
    }

    @Test
    void eventTypesBindToClassesAndRejectNonEvents() {
        runner.withPropertyValues("eventqueue.event-types=" + OrderPlaced.class.getName())
                .run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("eventqueue.event-types=java.lang.String")
                .run(
                        context -> assertThat(context)
                                .getFailure()
                                .rootCause()
                                .hasMessageContaining(
                                        "eventqueue.event-types[0] must be a class implementing dev.eventqueue.domain.DomainEvent"));
    }
}
