package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import dev.eventqueue.testsupport.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Credentials travel with entries but never reach the library's logs. */
class CredentialsNotLoggedTest {

    @Test
    void noLogLineOfAFailingRetriedDeliveryContainsTheCredentials() {
        Credentials secret = new Credentials("user-7f3a9c", "ROLE-SECRET-MANAGER");
        ScriptedHandler handler = ScriptedHandler.named("logged").maxRetries(1).onHandle((e, c) -> {
            throw new IllegalStateException("always fails for " + e.getEventId());
        });
        TestEvent event = TestEvent.of("Tick", 1);
        try (LogCapture capture = LogCapture.of("dev.eventqueue");
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .handler(handler)
                        .build()) {
            dispatcher.start();
            dispatcher.publish(event, secret);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> handler.calls("failure").size() == 1);
            dispatcher.stop();

            assertThat(handler.calls("failure").get(0).credentials()).isEqualTo(secret);
            assertThat(capture.lines())
                    .as("the capture sees the delivery's log lines")
                    .anySatisfy(
                            line -> assertThat(line).contains(event.getEventId().toString()));
            assertThat(capture.lines())
                    .noneSatisfy(line -> assertThat(line).containsAnyOf("user-7f3a9c", "ROLE-SECRET-MANAGER"));
        }
    }
}
