package dev.eventqueue.faults;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording handler: behaves as its event's kind asks and records every run. The publishing
 * side builds the same handlers without a recorder, only to route events to handler names.
 */
public final class FaultHandler extends EventHandlerBase<FaultEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FaultHandler.class);

    /** Attempts per entry: three. */
    static final int MAX_RETRIES = 2;

    private final String name;
    private final int priority;
    private final Set<String> kinds;
    private final Recorder recorder;
    private final long workMillis;

    private FaultHandler(String name, int priority, Set<String> kinds, Recorder recorder, long workMillis) {
        this.name = name;
        this.priority = priority;
        this.kinds = kinds;
        this.recorder = recorder;
        this.workMillis = workMillis;
    }

    /** The three handlers every node registers; {@code recorder} is null on the publishing side. */
    public static List<FaultHandler> all(Recorder recorder, long workMillis) {
        return List.of(
                new FaultHandler(
                        "faults.main",
                        100,
                        Set.of(FaultEvent.PLAIN, FaultEvent.FLAKY, FaultEvent.HANG, FaultEvent.HANG_HARD),
                        recorder,
                        workMillis),
                new FaultHandler("faults.high", 10, Set.of(FaultEvent.HIGH), recorder, workMillis),
                new FaultHandler("faults.low", 1000, Set.of(FaultEvent.LOW), recorder, workMillis));
    }

    @Override
    public void handle(FaultEvent event) throws Exception {
        int attempt = EventContext.current().getAttempt();
        switch (event.kind()) {
            case FaultEvent.FLAKY -> {
                if (attempt < MAX_RETRIES + 1) {
                    recorder.record(event, attempt, Recorder.FAIL);
                    throw new IllegalStateException("planned failure of attempt " + attempt);
                }
            }
            case FaultEvent.HANG -> {
                recorder.record(event, attempt, Recorder.HANG);
                Thread.sleep(Long.MAX_VALUE);
            }
            case FaultEvent.HANG_HARD -> {
                recorder.record(event, attempt, Recorder.HANG);
                hangIgnoringInterrupts();
            }
            default -> {
                // Stands for the handler's real work, so a run lasts long enough to inject faults into.
                Thread.sleep(workMillis);
            }
        }
        recorder.record(event, attempt, Recorder.OK);
    }

    private static void hangIgnoringInterrupts() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // A handler that swallows interrupts: the dispatcher must abandon and replace its thread.
            }
        }
    }

    @Override
    protected void onFailure(FaultEvent event, Exception error, int attemptNumber) {
        try {
            recorder.record(event, attemptNumber, Recorder.GAVE_UP);
        } catch (Exception e) {
            LOG.warn("Could not record the final failure of {}", event.eventId(), e);
        }
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof FaultEvent fault && kinds.contains(fault.kind());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public int getMaxRetries() {
        return MAX_RETRIES;
    }

    @Override
    public Duration getRetryDelay() {
        return Duration.ofMillis(100);
    }
}
