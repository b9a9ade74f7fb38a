package dev.eventqueue.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    private static Outcome outcome(long lost, long duplicated, long allowed, Double recovery) {
        return new Outcome(
                "crash_recovery",
                "PostgreSQL",
                100,
                100 - lost,
                lost,
                duplicated,
                allowed,
                4L,
                recovery,
                7,
                50,
                100,
                null,
                "note");
    }

    @Test
    void meetsTargetsWhenNothingIsLostDuplicatesStayWithinTheHeldEntriesAndRecoveryIsInTime() {
        assertThat(outcome(0, 4, 4, 6.9).misses()).isEmpty();
    }

    @Test
    void namesEveryMissedTarget() {
        assertThat(outcome(2, 5, 4, 7.5).misses())
                .containsExactly("2 lost", "5 duplicated, at most 4 allowed", "recovery 7.5 s, target 7.0 s");
    }

    @Test
    void comparesThroughputWithTheBaseline() {
        assertThat(outcome(0, 0, 0, null).ratio()).isEqualTo(0.5);
        assertThat(outcome(0, 0, 0, null).withBaseline(0).ratio()).isNaN();
    }
}
