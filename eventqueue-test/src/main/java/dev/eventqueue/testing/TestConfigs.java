package dev.eventqueue.testing;

import dev.eventqueue.EventQueueConfig;
import java.time.Duration;

/** Dispatcher settings for tests: short polls so that tests wait milliseconds, not seconds. */
public final class TestConfigs {

    private TestConfigs() {}

    /** 20 ms polls, default lease, a short shutdown timeout. */
    public static EventQueueConfig.Builder fast() {
        return EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(20))
                .backgroundInterval(Duration.ofMillis(20))
                .shutdownTimeout(Duration.ofSeconds(10));
    }
}
