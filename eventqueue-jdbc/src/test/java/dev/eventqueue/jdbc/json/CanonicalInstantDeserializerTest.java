package dev.eventqueue.jdbc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event mapper reads every instant as Jackson's own reader does: the canonical text of
 * {@link Instant#toString()} on the short path, everything else through Jackson's reader.
 */
class CanonicalInstantDeserializerTest {

    private final JsonMapper events =
            JacksonEventSerializer.defaultMapperBuilder().build();
    private final JsonMapper jacksons = JsonMapper.builder().build();

    record At(Instant at) {}

    record Formatted(
            @JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC")
            Instant at) {}

    private Instant read(JsonMapper mapper, String value) {
        return mapper.readValue("{\"at\":" + value + "}", At.class).at();
    }

    @Test
    void readsTheTextOfInstantToStringExactly() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(
                    Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(read(events, "\"" + instant + "\"")).isEqualTo(instant);
        }
    }

    @Test
    void parsesOnlyTheCanonicalText() {
        assertThat(parse("2026-12-01T07:54:23Z")).isEqualTo(Instant.parse("2026-12-01T07:54:23Z"));
        assertThat(parse("1969-12-31T23:59:59.9Z")).isEqualTo(Instant.parse("1969-12-31T23:59:59.9Z"));
        assertThat(parse("2026-12-01T07:54:23.123456789Z")).isEqualTo(Instant.parse("2026-12-01T07:54:23.123456789Z"));
        assertThat(parse("2026-12-01T07:54:23.1234567891Z"))
                .as("ten fraction digits")
                .isNull();
        assertThat(parse("2026-12-01T07:54:23.Z")).as("no fraction digit").isNull();
        assertThat(parse("2026-12-01T07:54:23+01:00")).isNull();
        assertThat(parse("2026-12-01 07:54:23Z")).isNull();
        assertThat(parse("2026-02-30T07:54:23Z")).isNull();
        assertThat(parse("2026-12-01T24:00:00Z")).isNull();
        assertThat(parse("2016-12-31T23:59:60Z")).as("a leap second").isNull();
        assertThat(parse("+12026-12-01T07:54:23Z")).isNull();
        assertThat(parse("2026-1a-01T07:54:23Z")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2026-12-01T07:54:23+01:00\"",
                "\"2026-12-01T07:54:23.5-05:30\"",
                "\"2016-12-31T23:59:60Z\"",
                "\"+12026-12-01T07:54:23Z\"",
                "\"-0001-12-01T07:54:23Z\"",
                "1764575663",
                "1764575663.123456789",
                "\"1764575663\"",
                "null"
            })
    void readsEveryOtherFormAsJacksonDoes(String value) {
        assertThat(read(events, value)).isEqualTo(read(jacksons, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-02-30T07:54:23Z\"", "\"yesterday\"", "\"2026-12-01T07:54:23.1234567891Z\"", "true"})
    void refusesWhatJacksonRefuses(String value) {
        assertThatThrownBy(() -> read(jacksons, value)).isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> read(events, value)).isInstanceOf(DatabindException.class);
    }

    @Test
    void aPropertyWithItsOwnFormatIsReadInThatFormat() {
        assertThat(events.readValue("{\"at\":\"2026-12-01 07:54\"}", Formatted.class)
                        .at())
                .isEqualTo(Instant.parse("2026-12-01T07:54:00Z"));
    }

    private static Instant parse(String text) {
        char[] padded = ("xx" + text + "yy").toCharArray();
        return CanonicalInstantDeserializer.parse(padded, 2, text.length());
    }
}
