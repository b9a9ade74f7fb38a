package dev.eventqueue.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An instant as the text of a MariaDB/MySQL {@code DATETIME(6)} value in UTC,
 * {@code yyyy-MM-dd HH:mm:ss.ffffff}, truncated to microseconds as the column stores it.
 *
 * <p>MariaDB Connector/J sends every parameter as text; given a {@code LocalDateTime} it formats
 * it with a {@code DateTimeFormatter}, which cost the claim, completion and insert paths about a
 * sixth of the client's CPU per entry (a {@code BigDecimal} per fraction). The same characters
 * written digit by digit cost a small array.
 */
final class DateTimeLiteral {

    private static final int LENGTH = 26;
    private static final long FIRST_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_SECOND =
            LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private DateTimeLiteral() {}

    /** {@code null} for a year outside 0000–9999, which a DATETIME cannot hold: the caller's driver reports it. */
    static String of(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        char[] text = new char[LENGTH];
        digits(text, 0, utc.getYear(), 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1000, 6);
        return new String(text);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded, ending before {@code at + width}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
