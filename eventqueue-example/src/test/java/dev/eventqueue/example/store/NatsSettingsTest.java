package dev.eventqueue.example.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NatsSettingsTest {

    @Test
    void usersPasswordsAndTokensAreMaskedInEveryServerOfTheList() {
        NatsSettings settings = NatsSettings.of("nats://alice:s3cret@n1:4222,tls://t0ken@n2:4222,nats://n3:4222");

        assertThat(settings.maskedUrl()).isEqualTo("nats://***@n1:4222,tls://***@n2:4222,nats://n3:4222");
        assertThat(settings.toString())
                .doesNotContain("s3cret")
                .doesNotContain("t0ken")
                .doesNotContain("alice");
    }

    @Test
    void everyServerNeedsANatsScheme() {
        assertThat(NatsSettings.of("nats://127.0.0.1:4222, ws://h:8080").entriesBucket())
                .isEqualTo("eventqueue_entries");
        for (String bad : new String[] {"127.0.0.1:4222", "http://h:4222", "nats://", "nats://h:4222,", ""}) {
            assertThatThrownBy(() -> NatsSettings.of(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NATS URL must be one or more comma-separated server URLs");
        }
        assertThatThrownBy(() -> NatsSettings.of("http://u:hidden@h:4222")).hasMessageNotContaining("hidden");
    }
}
