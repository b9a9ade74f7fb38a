package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DateTimeLiteralTest {

    private static final DateTimeFormatter DATETIME_6 = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private static String formatted(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)
                .format(DATETIME_6);
    }

    @Test
    void writesUtcWithSixFractionDigitsTruncatingNanoseconds() {
        assertThat(DateTimeLiteral.of(Instant.parse("2026-12-02T15:03:01.327621153Z")))
                .isEqualTo("2026-12-02 15:03:01.327621");
        assertThat(DateTimeLiteral.of(Instant.EPOCH)).isEqualTo("1970-01-01 00:00:00.000000");
        assertThat(DateTimeLiteral.of(Instant.parse("2024-02-29T23:59:59.999999999Z")))
                .isEqualTo("2024-02-29 23:59:59.999999");
    }

    @Test
    void matchesTheFormattedLocalDateTimeAcrossTheRangeADatetimeHolds() {
        Instant first = Instant.parse("0000-01-01T00:00:00Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(first.getEpochSecond(), last.getEpochSecond() + 1), random.nextInt(1_000_000_000));
            assertThat(DateTimeLiteral.of(instant)).as("%s", instant).isEqualTo(formatted(instant));
        }
        assertThat(DateTimeLiteral.of(first)).isEqualTo("0000-01-01 00:00:00.000000");
        assertThat(DateTimeLiteral.of(last)).isEqualTo("9999-12-31 23:59:59.999999");
    }

    @Test
    void leavesYearsADatetimeCannotHoldToTheDriver() {
        assertThat(DateTimeLiteral.of(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
        assertThat(DateTimeLiteral.of(Instant.parse("-0001-12-31T23:59:59Z"))).isNull();
        assertThat(DateTimeLiteral.of(Instant.MAX)).isNull();
        assertThat(DateTimeLiteral.of(Instant.MIN)).isNull();
    }
}
