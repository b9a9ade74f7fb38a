package dev.eventqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.RetryBackoff;
import dev.eventqueue.spring.boot.fixtures.Apps;
import dev.eventqueue.spring.boot.fixtures.MinimalApplication;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code eventqueue.*} properties, the environment variables, and what a bad value does to startup. */
@ExtendWith(OutputCaptureExtension.class)
class PropertiesBindingTest {

    @Test
    void withoutPropertiesTheConfigIsTheCoreDefaults() {
        try (ConfigurableApplicationContext app =
                Apps.run(MinimalApplication.class, Map.of("eventqueue.auto-startup", "false"))) {
            assertThat(app.getBean(EventQueueConfig.class)).isEqualTo(EventQueueConfig.defaults());
        }
    }

    @Test
    void propertiesAndEnvironmentVariablesAreBoundPropertiesWinning() {
        try (ConfigurableApplicationContext app = Apps.run(
                MinimalApplication.class,
                Map.of(
                        "EVENT_QUEUE_BATCH_SIZE", "7",
                        "EVENT_QUEUE_PROCESSING_INTERVAL", "250",
                        "EVENT_QUEUE_ENABLE_RETRIES", "FALSE",
                        "EVENT_QUEUE_MAX_CONCURRENT", "9",
                        "eventqueue.max-concurrent", "3",
                        "eventqueue.lease-duration", "2m",
                        "eventqueue.retry-backoff", "exponential",
                        "eventqueue.auto-startup", "false"))) {
            EventQueueConfig config = app.getBean(EventQueueConfig.class);
            assertThat(config.batchSize()).isEqualTo(7);
            assertThat(config.processingInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(config.retriesEnabled()).isFalse();
            assertThat(config.maxConcurrent())
                    .as("the eventqueue.* property wins")
                    .isEqualTo(3);
            assertThat(config.leaseDuration()).isEqualTo(Duration.ofMinutes(2));
            assertThat(config.retryBackoff()).isEqualTo(RetryBackoff.EXPONENTIAL);
            assertThat(app.getBean(dev.eventqueue.EventDispatcher.class).isRunning())
                    .as("auto-startup=false")
                    .isFalse();
        }
    }

    @Test
    void anInvalidValueFailsStartupNamingThePropertyAndTheValue(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.run(MinimalApplication.class, Map.of("eventqueue.batch-size", "0")))
                .hasStackTraceContaining("eventqueue.batch-size must be an integer from 1 to 10000, but was '0'");
        assertThat(output)
                .contains(
                        "APPLICATION FAILED TO START",
                        "Property: eventqueue.batch-size",
                        "Origin: \"eventqueue.batch-size\"",
                        "Value: \"0\"",
                        "eventqueue.batch-size must be an integer from 1 to 10000, but was '0'");
    }

    @Test
    void aBadEnvironmentVariableFailsStartupNamingTheVariable(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.run(MinimalApplication.class, Map.of("EVENT_QUEUE_PROCESSING_INTERVAL", "soon")))
                .isInstanceOf(RuntimeException.class);
        assertThat(output)
                .contains(
                        "APPLICATION FAILED TO START",
                        "eventqueue.processing-interval",
                        "soon",
                        "environment variable EVENT_QUEUE_PROCESSING_INTERVAL");
    }

    @Test
    void usingTheDatabaseWithoutADataSourceFailsStartupInsteadOfQueueingInMemory() {
        assertThatThrownBy(() -> Apps.run(
                        MinimalApplication.class,
                        Map.of(
                                "USE_DATABASE_EVENT_QUEUE", "true",
                                "spring.autoconfigure.exclude",
                                        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")))
                .hasStackTraceContaining("eventqueue.use-database (USE_DATABASE_EVENT_QUEUE) is true, but the "
                        + "application has no single DataSource bean");
    }
}
