package dev.eventqueue.dispatch;

import dev.eventqueue.monitoring.ErrorRedactor;
import dev.eventqueue.monitoring.SecretMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed attempt into the error text that is stored, audited and logged: the exception
 * chain, passed through the application's {@link ErrorRedactor}, secrets masked, cut to
 * {@link #MAX_LENGTH} characters.
 */
final class ErrorText {

    /** Longest error text kept; handler messages can be arbitrarily long. */
    static final int MAX_LENGTH = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorText.class);
    private static final int MAX_CAUSES = 5;

    private final ErrorRedactor redactor;

    ErrorText(ErrorRedactor redactor) {
        this.redactor = redactor;
    }

    String of(Throwable failure) {
        Throwable shown =
                failure instanceof Delivery.HandlerError && failure.getCause() != null ? failure.getCause() : failure;
        String redacted;
        try {
            redacted = redactor.redact(chain(shown, true));
        } catch (RuntimeException e) {
            // The redactor's own failure must not leak the text it was meant to clean.
            LOG.warn(
                    "The error redactor threw {}; only exception class names are kept",
                    e.getClass().getName());
            redacted = null;
        }
        String text = SecretMasking.mask(redacted == null ? chain(shown, false) : redacted);
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    }

    private static String chain(Throwable shown, boolean withMessages) {
        StringBuilder text = new StringBuilder();
        append(text, shown, withMessages);
        Throwable cause = shown.getCause();
        for (int depth = 0; cause != null && cause != shown && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            text.append(" / caused by ");
            append(text, cause, withMessages);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, Throwable error, boolean withMessage) {
        text.append(error.getClass().getName());
        if (withMessage && error.getMessage() != null) {
            text.append(": ").append(error.getMessage());
        }
    }
}
