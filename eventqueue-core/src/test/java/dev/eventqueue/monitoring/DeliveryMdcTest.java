package dev.eventqueue.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The MDC keys of a delivery, set while it runs and restored after. */
class DeliveryMdcTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void onAThreadWithoutTheKeysTheyAreSetWhileTheScopeIsOpenAndGoneAfter() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        try (DeliveryMdc.Scope ignored = DeliveryMdc.put(first, "handler-a")) {
            assertThat(MDC.get(DeliveryMdc.EVENT_ID)).isEqualTo(first.toString());
            assertThat(MDC.get(DeliveryMdc.HANDLER)).isEqualTo("handler-a");
        }
        assertThat(MDC.get(DeliveryMdc.EVENT_ID)).isNull();
        assertThat(MDC.get(DeliveryMdc.HANDLER)).isNull();

        // A second delivery on the same thread: set and removed again.
        try (DeliveryMdc.Scope ignored = DeliveryMdc.put(second, "handler-b")) {
            assertThat(MDC.get(DeliveryMdc.EVENT_ID)).isEqualTo(second.toString());
            assertThat(MDC.get(DeliveryMdc.HANDLER)).isEqualTo("handler-b");
        }
        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys(DeliveryMdc.EVENT_ID, DeliveryMdc.HANDLER);
    }

    @Test
    void valuesThatWereThereBeforeComeBackAndOtherKeysAreLeftAlone() {
        MDC.put(DeliveryMdc.EVENT_ID, "outer-event");
        MDC.put("request", "r-1");
        UUID eventId = UUID.randomUUID();

        try (DeliveryMdc.Scope ignored = DeliveryMdc.put(eventId, "handler-a")) {
            assertThat(MDC.get(DeliveryMdc.EVENT_ID)).isEqualTo(eventId.toString());
            assertThat(MDC.get(DeliveryMdc.HANDLER)).isEqualTo("handler-a");
        }

        assertThat(MDC.get(DeliveryMdc.EVENT_ID)).isEqualTo("outer-event");
        assertThat(MDC.get(DeliveryMdc.HANDLER)).isNull();
        assertThat(MDC.get("request")).isEqualTo("r-1");
    }
}
