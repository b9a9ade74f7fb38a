package dev.eventqueue.example.text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Small formatting functions for the demo's and the CLI's text output. */
public final class Texts {

    // A fully qualified class name, optionally nested: com.acme.Outer$Inner -> Inner
    private static final Pattern QUALIFIED_CLASS =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+(?:[A-Z][A-Za-z0-9_]*\\$)*([A-Z][A-Za-z0-9_]*)");

    private Texts() {}

    /** A stored error with class names shortened to their simple names, for tables. */
    public static String shortError(String error) {
        return error == null ? "" : QUALIFIED_CLASS.matcher(error).replaceAll("$1");
    }

    /** An instant to the second, ISO-8601 in UTC; empty for {@code null}. */
    public static String instant(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** An instant as ISO-8601 with full precision, for JSON; {@code null} stays {@code null}. */
    public static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
