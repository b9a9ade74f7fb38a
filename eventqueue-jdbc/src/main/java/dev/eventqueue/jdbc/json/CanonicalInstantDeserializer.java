package dev.eventqueue.jdbc.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads an {@link Instant} written as {@link Instant#toString()} writes it, such as
 * {@code 2026-12-01T07:54:23.123456Z}, straight from the parser's characters; anything else (an
 * offset, a number, a leap second, a property with its own {@code @JsonFormat}) goes to Jackson's
 * own reader, with its results and its errors. Jackson's reader builds a {@code DateTimeFormatter}
 * parse context with maps per value: for a small event that was about a fifth of the bytes a
 * database store allocated per entry.
 */
final class CanonicalInstantDeserializer extends StdDeserializer<Instant> {

    /** {@code yyyy-MM-ddTHH:mm:ssZ}: the shortest canonical form. */
    private static final int WITHOUT_FRACTION = 20;

    private final ValueDeserializer<Instant> jacksons;

    CanonicalInstantDeserializer() {
        this(InstantDeserializer.INSTANT);
    }

    private CanonicalInstantDeserializer(ValueDeserializer<Instant> jacksons) {
        super(Instant.class);
        this.jacksons = jacksons;
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant canonical = parse(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
            if (canonical != null) {
                return canonical;
            }
        }
        return jacksons.deserialize(parser, context);
    }

    /** Jackson's reader where a property has its own format; this one otherwise. */
    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        ValueDeserializer<?> contextual = jacksons.createContextual(context, property);
        return contextual == jacksons ? this : contextual;
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with 1 to 9 fraction digits, or null for
     * any other text (left to Jackson's reader).
     */
    static Instant parse(char[] text, int offset, int length) {
        if (length < WITHOUT_FRACTION || length > WITHOUT_FRACTION + 10) {
            return null;
        }
        int end = offset + length;
        if (text[offset + 4] != '-'
                || text[offset + 7] != '-'
                || text[offset + 10] != 'T'
                || text[offset + 13] != ':'
                || text[offset + 16] != ':'
                || text[end - 1] != 'Z') {
            return null;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        int fractionStart = offset + 19;
        if (fractionStart < end - 1) {
            int fractionDigits = end - 1 - fractionStart - 1;
            if (text[fractionStart] != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, fractionStart + 1, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // February 30th and the like: Jackson's reader says what is wrong
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} decimal digits, or -1 when one of them is not a digit. */
    private static int digits(char[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
