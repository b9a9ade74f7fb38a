package dev.eventqueue.nats.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Only the passes are retried: an {@link Error} thrown around them (here by the log line that says
 * the relay forwards again after a failure, as an out-of-memory error may be) ends the relay's
 * thread, and {@link OutboxRelay#stoppedThreads()} then names it, so that health is {@code DOWN}.
 */
class OutboxRelayEndedTest {

    private static final String RECOVERED = "The outbox relay forwards entries again";

    private final Logger log = (Logger) LoggerFactory.getLogger(OutboxRelay.class);
    private final FailingAppender failing = new FailingAppender();
    private Level level;
    private OutboxRelay relay;

    @BeforeEach
    void failTheRecoveryLogLine() {
        level = log.getLevel();
        log.setLevel(Level.INFO);
        failing.setContext(log.getLoggerContext());
        failing.start();
        log.addAppender(failing);
    }

    @AfterEach
    void restoreLogging() {
        if (relay != null) {
            relay.shutdown();
        }
        log.detachAppender(failing);
        failing.stop();
        log.setLevel(level);
    }

    @Test
    void relayThreadEndedByAnErrorOutsideItsPassesIsNamedWithTheErrorUntilStopped() {
        AtomicInteger runs = new AtomicInteger();
        relay = new OutboxRelay(
                new OutboxRelay.Pass() {
                    @Override
                    public int recover() {
                        return 0;
                    }

                    @Override
                    public int run() {
                        if (runs.incrementAndGet() == 1) {
                            throw new IllegalStateException("database gone");
                        }
                        return 0;
                    }
                },
                new RelaySettings(100, Duration.ofMillis(10), Duration.ofSeconds(30)));
        assertThat(relay.stoppedThreads()).isEmpty();

        relay.acquire();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !relay.stoppedThreads().isEmpty());
        assertThat(failing.thrown.get()).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(2); // the failed pass, then the one whose success could not be logged
        assertThat(relay.stoppedThreads())
                .containsOnlyKeys(OutboxRelay.ROLE)
                .extractingByKey(OutboxRelay.ROLE)
                .asString()
                .startsWith("thread " + OutboxRelay.THREAD_NAME + " ended by java.lang.OutOfMemoryError: ")
                .contains("injected by the test")
                .endsWith("committed outbox entries are not forwarded by this node");

        relay.release(); // the last dispatcher stopped: a relay not meant to run is not reported
        assertThat(relay.stoppedThreads()).isEmpty();
    }

    /** Throws an {@link OutOfMemoryError} from the log line of a relay that forwards again. */
    private static final class FailingAppender extends AppenderBase<ILoggingEvent> {

        final AtomicInteger thrown = new AtomicInteger();

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getMessage().startsWith(RECOVERED)) {
                thrown.incrementAndGet();
                throw new OutOfMemoryError("injected by the test");
            }
        }
    }
}
