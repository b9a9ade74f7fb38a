package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A vacuum is due after so many finished entries, and never sooner than the minimum gap after the last. */
class VacuumScheduleTest {

    private static final long GAP = 5_000;

    @Test
    void isDueOnceEnoughEntriesFinished() {
        VacuumSchedule schedule = new VacuumSchedule(100, GAP);

        assertThat(schedule.finished(60, 0)).isFalse();
        assertThat(schedule.finished(39, 1)).isFalse();
        assertThat(schedule.finished(1, 2)).as("the 100th entry").isTrue();
        assertThat(schedule.finished(99, GAP + 3)).as("counting starts again").isFalse();
        assertThat(schedule.finished(1, GAP + 4)).isTrue();
    }

    @Test
    void waitsOutTheMinimumGapAndKeepsCountingMeanwhile() {
        VacuumSchedule schedule = new VacuumSchedule(10, GAP);
        assertThat(schedule.finished(10, 1_000)).isTrue();

        assertThat(schedule.finished(500, 1_000 + GAP - 1))
                .as("enough entries, too soon")
                .isFalse();
        assertThat(schedule.finished(1, 1_000 + GAP))
                .as("the gap is over, the entries counted")
                .isTrue();
    }

    @Test
    void theFirstVacuumNeedsNoGap() {
        VacuumSchedule schedule = new VacuumSchedule(1, GAP);

        assertThat(schedule.finished(1, 0)).isTrue();
    }

    @Test
    void refusesLessThanOneEntryBetweenVacuums() {
        assertThatThrownBy(() -> new VacuumSchedule(0, GAP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entriesBetween must be at least 1, but was 0");
    }
}
