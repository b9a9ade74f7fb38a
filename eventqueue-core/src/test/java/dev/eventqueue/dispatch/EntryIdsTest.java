package dev.eventqueue.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntryIdsTest {

    @Test
    void anIdIsAVersionSevenUuidCarryingItsMillisecond() {
        long millis = Instant.parse("2026-12-01T00:30:00.123Z").toEpochMilli();

        UUID id = EntryIds.at(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsTextAndAsNumbers() {
        long millis = Instant.parse("2026-12-01T00:30:00Z").toEpochMilli();

        for (int i = 0; i < 1_000; i++) {
            UUID earlier = EntryIds.at(millis + i);
            UUID later = EntryIds.at(millis + i + 1);
            // Text order is what a CHAR(36) key sorts by, the high bits what a UUID column sorts by.
            assertThat(earlier.toString()).isLessThan(later.toString());
            assertThat(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()))
                    .isNegative();
        }
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        long millis = Instant.parse("2026-12-01T00:30:00Z").toEpochMilli();
        Set<UUID> ids = new HashSet<>();

        for (int i = 0; i < 100_000; i++) {
            ids.add(EntryIds.at(millis));
        }

        assertThat(ids).hasSize(100_000);
    }
}
