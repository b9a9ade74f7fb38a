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

/** The environment variables, their defaults, and fail-fast validation. */
class EventQueueConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
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
    void theBuilderRejectsBadValuesNamingTheSettingTheValueAndTheRange() {
        EventQueueConfig.Builder builder = EventQueueConfig.builder();

        assertThatThrownBy(() -> builder.batchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be an integer from 1 to 10000, but was '0'");
        assertThatThrownBy(() -> builder.maxConcurrent(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrent must be an integer from 1 to 1000, but was '-3'");
        assertThatThrownBy(() -> builder.retentionDays(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retentionDays must be an integer from 0 to 3650, but was '-1'");
        assertThatThrownBy(() -> builder.processingInterval(Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("processingInterval must be a duration from 1 ms to 7 days (milliseconds in the "
                        + "environment variable), but was '0 ms'");
        assertThatThrownBy(() -> builder.backgroundInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backgroundInterval");
        assertThatThrownBy(() -> builder.cleanupInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cleanupInterval");
        assertThatThrownBy(() -> builder.leaseDuration(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaseDuration must be a duration from 1 s to 7 days");
        assertThatThrownBy(() -> builder.shutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout");
        assertThatThrownBy(() -> builder.handlerTimeout(Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handlerTimeout must be a duration from 1 ms to 7 days")
                .hasMessageContaining("691200000 ms");
        assertThatThrownBy(() -> builder.maxPayloadBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> builder.tableName("1abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName")
                .hasMessageContaining("'1abc'");
        assertThatThrownBy(() -> builder.processingInterval(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processingInterval");
        assertThat(builder.retentionDays(0)
                        .shutdownTimeout(Duration.ZERO)
                        .batchSize(1)
                        .build()
                        .batchSize())
                .as("the smallest valid values")
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "EVENT_QUEUE_BATCH_SIZE           | 2147483647 | an integer from 1 to 10000",
                "EVENT_QUEUE_BATCH_SIZE           | 10001      | an integer from 1 to 10000",
                "EVENT_QUEUE_PROCESSING_INTERVAL  | 9223372036854775807 | a duration from 1 ms to 7 days",
                "EVENT_QUEUE_BACKGROUND_INTERVAL  | 604800001  | a duration from 1 ms to 7 days",
                "EVENT_QUEUE_LEASE_DURATION       | 1          | a duration from 1 s to 7 days",
                "EVENT_QUEUE_MAX_CONCURRENT       | 1000000    | an integer from 1 to 1000",
                "EVENT_QUEUE_RETENTION_DAYS       | 3651       | an integer from 0 to 3650",
                "EVENT_QUEUE_HANDLER_TIMEOUT      | 0          | a duration from 1 ms to 7 days",
                "EVENT_QUEUE_MAX_PAYLOAD_BYTES    | 0          | an integer from 1 to 67108864",
                "EVENT_QUEUE_CLEANUP_INTERVAL     | 604800001  | a duration from 1 ms to 7 days",
            })
    void anAbsurdValueFailsNamingTheVariableTheValueAndTheAllowedRange(String variable, String value, String range) {
        assertThatThrownBy(() -> EventQueueConfig.fromMap(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(variable + " must be " + range
                        + (range.startsWith("a duration") ? " (milliseconds in the environment variable)" : "")
                        + ", but was '" + value + "'");
    }

    @Test
    void theLeaseMustOutlastThreeHeartbeats() {
        assertThat(EventQueueConfig.builder()
                        .leaseDuration(Duration.ofSeconds(2))
                        .build()
                        .heartbeatInterval())
                .as("a quarter of the lease by default")
                .isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> EventQueueConfig.builder()
                        .leaseDuration(Duration.ofSeconds(3))
                        .heartbeatInterval(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaseDuration (EVENT_QUEUE_LEASE_DURATION) must be longer than three heartbeat intervals "
                        + "(EVENT_QUEUE_HEARTBEAT_INTERVAL), but was 3000 ms with a heartbeat of 1000 ms");
        assertThatThrownBy(() -> EventQueueConfig.fromMap(
                        Map.of("EVENT_QUEUE_LEASE_DURATION", "2000", "EVENT_QUEUE_HEARTBEAT_INTERVAL", "700")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than three heartbeat intervals");
        assertThat(EventQueueConfig.builder()
                        .leaseDuration(Duration.ofSeconds(3))
                        .heartbeatInterval(Duration.ofMillis(999))
                        .build()
                        .heartbeatInterval())
                .isEqualTo(Duration.ofMillis(999));
    }

    @Test
    void everySettingIsDeclaredOnceWithItsNamesDefaultRangeAndDescription() {
        assertThat(EventQueueSettings.all())
                .extracting(Setting::environmentName)
                .doesNotHaveDuplicates()
                .containsAll(EventQueueConfig.defaults().describe().keySet());
        assertThat(EventQueueSettings.all()).allSatisfy(setting -> {
            assertThat(setting.propertyName()).matches("[a-z]+(-[a-z]+)*");
            assertThat(setting.description()).isNotBlank();
            assertThat(setting.range()).isNotBlank();
            assertThat(setting.defaultText()).isNotBlank();
        });
        assertThat(EventQueueConfig.defaults().describeAsProperties())
                .containsEntry("batch-size", "50")
                .containsEntry("heartbeat-interval", "7500")
                .containsEntry("handler-timeout", "300000");
    }

    @Test
    void fromEnvironmentReadsTheProcessEnvironment() {
        assertThat(EventQueueConfig.fromEnvironment()).isEqualTo(EventQueueConfig.fromMap(System.getenv()));
    }
}
