package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4 and §3 item 13: the seed's variables, their defaults, and fail-fast validation. */
class EventQueueConfigTest {

    @Test
    void defaultsAreTheSeeds() {
        EventQueueConfig config = EventQueueConfig.defaults();

        assertThat(config.useDatabase()).isFalse();
        assertThat(config.batchSize()).isEqualTo(50);
        assertThat(config.processingInterval()).isEqualTo(Duration.ofMillis(1000));
        assertThat(config.backgroundInterval()).isEqualTo(Duration.ofMillis(5000));
        assertThat(config.maxConcurrent()).isEqualTo(10);
        assertThat(config.retriesEnabled()).isTrue();
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofMillis(3_600_000));
        assertThat(config.retentionDays()).isEqualTo(7);
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retryBackoff()).isEqualTo(RetryBackoff.FIXED);
        assertThat(config.tableName()).isEqualTo("event_queue");
        assertThat(EventQueueConfig.fromMap(Map.of())).isEqualTo(config);
        assertThat(EventQueueConfig.builder().build()).isEqualTo(config);
    }

    @Test
    void fromMapReadsEveryVariable() {
        Map<String, String> variables = new HashMap<>();
        variables.put("USE_DATABASE_EVENT_QUEUE", "true");
        variables.put("EVENT_QUEUE_BATCH_SIZE", "25");
        variables.put("EVENT_QUEUE_PROCESSING_INTERVAL", "250");
        variables.put("EVENT_QUEUE_BACKGROUND_INTERVAL", "2500");
        variables.put("EVENT_QUEUE_MAX_CONCURRENT", "4");
        variables.put("EVENT_QUEUE_ENABLE_RETRIES", "false");
        variables.put("EVENT_QUEUE_CLEANUP_INTERVAL", "60000");
        variables.put("EVENT_QUEUE_RETENTION_DAYS", "0");
        variables.put("EVENT_QUEUE_LEASE_DURATION", "45000");
        variables.put("EVENT_QUEUE_SHUTDOWN_TIMEOUT", "0");
        variables.put("EVENT_QUEUE_RETRY_BACKOFF", "Exponential");
        variables.put("EVENT_QUEUE_MAX_RETRY_DELAY", "120000");
        variables.put("EVENT_QUEUE_HEALTH_MAX_LAG", "90000");
        variables.put("EVENT_QUEUE_TABLE_NAME", "app.events_queue");
        variables.put("UNRELATED_VARIABLE", "whatever");

        EventQueueConfig config = EventQueueConfig.fromMap(variables);

        assertThat(config.useDatabase()).isTrue();
        assertThat(config.batchSize()).isEqualTo(25);
        assertThat(config.processingInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.backgroundInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.maxConcurrent()).isEqualTo(4);
        assertThat(config.retriesEnabled()).isFalse();
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.retentionDays()).isZero();
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ZERO);
        assertThat(config.retryBackoff()).isEqualTo(RetryBackoff.EXPONENTIAL);
        assertThat(config.maxRetryDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.healthMaxLag()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.tableName()).isEqualTo("app.events_queue");
        assertThat(EventQueueConfig.fromMap(config.describe()))
                .as("describe() reads back")
                .isEqualTo(config);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "tRuE", " true "})
    void booleansAreTrueInAnyCase(String value) {
        EventQueueConfig config = EventQueueConfig.fromMap(
                Map.of("EVENT_QUEUE_ENABLE_RETRIES", "false", "USE_DATABASE_EVENT_QUEUE", value));
        assertThat(config.useDatabase()).isTrue();
        assertThat(EventQueueConfig.fromMap(Map.of("EVENT_QUEUE_ENABLE_RETRIES", value.replace("rue", "RUE")))
                        .retriesEnabled())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "False"})
    void booleansAreFalseInAnyCase(String value) {
        assertThat(EventQueueConfig.fromMap(Map.of("EVENT_QUEUE_ENABLE_RETRIES", value))
                        .retriesEnabled())
                .isFalse();
    }

    @Test
    void blankValuesKeepTheDefault() {
        EventQueueConfig config =
                EventQueueConfig.fromMap(Map.of("EVENT_QUEUE_BATCH_SIZE", "  ", "EVENT_QUEUE_ENABLE_RETRIES", ""));
        assertThat(config).isEqualTo(EventQueueConfig.defaults());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "USE_DATABASE_EVENT_QUEUE        | yes",
                "USE_DATABASE_EVENT_QUEUE        | 1",
                "EVENT_QUEUE_BATCH_SIZE          | 0",
                "EVENT_QUEUE_BATCH_SIZE          | fifty",
                "EVENT_QUEUE_BATCH_SIZE          | 99999999999",
                "EVENT_QUEUE_PROCESSING_INTERVAL | 0",
                "EVENT_QUEUE_PROCESSING_INTERVAL | -5",
                "EVENT_QUEUE_PROCESSING_INTERVAL | 1.5",
                "EVENT_QUEUE_BACKGROUND_INTERVAL | 5s",
                "EVENT_QUEUE_MAX_CONCURRENT      | 0",
                "EVENT_QUEUE_MAX_CONCURRENT      | -1",
                "EVENT_QUEUE_ENABLE_RETRIES      | on",
                "EVENT_QUEUE_CLEANUP_INTERVAL    | 0",
                "EVENT_QUEUE_RETENTION_DAYS      | -1",
                "EVENT_QUEUE_RETENTION_DAYS      | week",
                "EVENT_QUEUE_LEASE_DURATION      | 0",
                "EVENT_QUEUE_SHUTDOWN_TIMEOUT    | -1",
                "EVENT_QUEUE_RETRY_BACKOFF       | linear",
                "EVENT_QUEUE_MAX_RETRY_DELAY     | 0",
                "EVENT_QUEUE_HEALTH_MAX_LAG      | never",
                "EVENT_QUEUE_TABLE_NAME          | events; drop table users",
            })
    void aBadValueFailsWithAMessageNamingTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> EventQueueConfig.fromMap(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(variable)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void theBuilderRejectsBadValuesNamingTheSettingAndTheValue() {
        EventQueueConfig.Builder builder = EventQueueConfig.builder();

        assertThatThrownBy(() -> builder.batchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be >= 1, but was 0");
        assertThatThrownBy(() -> builder.maxConcurrent(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrent must be >= 1, but was -3");
        assertThatThrownBy(() -> builder.retentionDays(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retentionDays must be >= 0, but was -1");
        assertThatThrownBy(() -> builder.processingInterval(Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processingInterval must be >= 1 ms")
                .hasMessageContaining("PT0.0005S");
        assertThatThrownBy(() -> builder.backgroundInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backgroundInterval");
        assertThatThrownBy(() -> builder.cleanupInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cleanupInterval");
        assertThatThrownBy(() -> builder.leaseDuration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaseDuration");
        assertThatThrownBy(() -> builder.shutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout");
        assertThatThrownBy(() -> builder.tableName("1abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName")
                .hasMessageContaining("'1abc'");
        assertThatThrownBy(() -> builder.processingInterval(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("processingInterval");
        assertThat(builder.retentionDays(0)
                        .shutdownTimeout(Duration.ZERO)
                        .batchSize(1)
                        .build()
                        .batchSize())
                .as("the smallest valid values")
                .isEqualTo(1);
    }

    @Test
    void fromEnvironmentReadsTheProcessEnvironment() {
        assertThat(EventQueueConfig.fromEnvironment()).isEqualTo(EventQueueConfig.fromMap(System.getenv()));
    }
}
