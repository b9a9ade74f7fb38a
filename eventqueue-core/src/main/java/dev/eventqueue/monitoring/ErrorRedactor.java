package dev.eventqueue.monitoring;

/**
 * Rewrites a handler's error text before it is stored in the queue, written to the audit trail or
 * logged: for removing personal data (a card number, an e-mail address) that an exception message
 * may carry. It runs on the worker thread after each failed attempt; secret-looking values
 * ({@link SecretMasking}) are masked after it in any case, and the result is cut to the stored length.
 */
@FunctionalInterface
public interface ErrorRedactor {

    /**
     * @param errorText the failure as {@code ExceptionClass: message / caused by ...}, never {@code null}
     * @return the text to keep; {@code null} keeps only the exception class names
     */
    String redact(String errorText);

    /** Keeps the text as it is (secrets are still masked). */
    static ErrorRedactor none() {
        return errorText -> errorText;
    }
}
