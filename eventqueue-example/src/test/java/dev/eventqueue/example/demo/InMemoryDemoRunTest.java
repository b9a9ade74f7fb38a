package dev.eventqueue.example.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventQueueConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo's whole flow in this JVM on the in-memory queue; the process-level tests cover the databases. */
class InMemoryDemoRunTest {

    @Test
    void runsEveryEntryToItsIntendedOutcome() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        EventQueueConfig config = EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(50))
                .backgroundInterval(Duration.ofMillis(100))
                .build();
        DemoOptions options = new DemoOptions(
                6, 3, Duration.ofMillis(50), Duration.ofSeconds(120), true, null, null, config, "./eventqueue");

        boolean asIntended = new DemoRun(options, new PrintStream(buffer, true, StandardCharsets.UTF_8)).execute();

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(asIntended).as(output).isTrue();
        // 6 attempts x (2 + 3 answers + 3) entries; the 6 notifications fail, the rest complete.
        assertThat(output)
                .containsPattern("total\\s+48\\s+42\\s+6\\s+18\\s+6")
                .containsPattern("NotificationHandler\\s+200\\s+background\\s+6\\s+0\\s+6\\s+12\\s+6")
                .containsPattern("ScoringHandler\\s+50\\s+foreground\\s+6\\s+6\\s+0\\s+6\\s+0")
                .contains("Queue statistics (whole queue): pending 0, processing 0, completed 42, failed 6")
                .contains("5 events, 30 records")
                .contains("The in-memory queue ended with this process");
    }
}
