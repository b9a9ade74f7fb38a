package dev.eventqueue.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs the steps of docs/getting-started.md, whose code blocks are the tagged regions of this
 * package (checked by {@link dev.eventqueue.docs.CodeBlocksTest}), in order.
 */
class GettingStartedTest {

    @Test
    void theQuickStartRunsEndToEnd() {
        QuickStartExample example = new QuickStartExample();
        EventQueueConfig fast = EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(20))
                .backgroundInterval(Duration.ofMillis(20))
                .build();
        try {
            example.startDispatcher(fast);
            example.createAndSubmitAnAttempt(); // the mail server is down

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> example.dispatcher.getStats().failed() == 1
                            && example.dispatcher.getStats().completed() == 3);
            example.readStats();
            assertThat(example.stats)
                    .hasToString("QueueStats[pending=0, processing=0, completed=3, failed=1, activeHandlers=0]");
            assertThat(example.answerSheets).containsExactly(example.attemptId);
            assertThat(example.auditTrail)
                    .containsExactlyInAnyOrder(
                            "AttemptCreated " + example.attemptId + " by candidate-7",
                            "AttemptSubmitted " + example.attemptId + " by candidate-7");
            assertThat(example.mail.sent).isEmpty();

            example.mail.up = true;
            example.retryFailedEvents();
            assertThat(example.retried).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> example.dispatcher.getStats().completed() == 4);
            assertThat(example.mail.sent)
                    .containsExactly("candidate-7: Attempt " + example.attemptId + " was submitted");

            example.checkHealth();
            assertThat(example.health.status()).isEqualTo(HealthReport.Status.UP);
        } finally {
            if (example.dispatcher != null) {
                example.stop();
            }
        }
    }
}
