package dev.eventqueue.monitoring;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret-looking values in text meant for people (messages, log lines, JSON) with
 * {@code ***}: every {@code key=value} or {@code key: value} whose key names a password, secret,
 * token, key or credential ({@code password}, {@code sslpassword}, {@code trustStorePassword},
 * {@code password1}, {@code apiKey}, {@code client_secret}, ...), the password of a
 * {@code scheme://user:password@host} URL, and bearer tokens. Masking is idempotent.
 */
public final class SecretMasking {

    /** What a masked value is replaced with. */
    public static final String MASK = "***";

    private static final String SECRET_WORDS =
            "password|passwd|passphrase|pwd|secret|token|credential|apikey|api[_-]key|accesskey|access[_-]key"
                    + "|privatekey|private[_-]key|auth";

    // A key starts a token and is bounded, so long text cannot make the match backtrack for long.
    // The key may be quoted (JSON); the value (after an HTTP auth scheme, if any) runs to the next
    // separator of URLs, properties or JSON.
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?<![\\w.-])[\\w.-]{0,60}?(?:" + SECRET_WORDS
                    + ")[\\w.-]{0,60}[\"']?\\s*[=:]\\s*)((?:(?:bearer|basic|digest)\\s+)?(?:\"[^\"]*\"|'[^']*'|[^\\s&;,)}\\]\"']+))");
    // Bounded and anchored at a token start, like the key above, so that long text stays linear.
    private static final Pattern URL_USER_INFO =
            Pattern.compile("((?<![\\w+.-])[a-zA-Z][\\w+.-]{0,30}://[^/\\s:@]{1,256}):([^@/\\s]{1,256})@");
    private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s+)[\\w.~+/=-]+");

    private SecretMasking() {}

    /** The text with every secret-looking value replaced by {@link #MASK}; {@code null} stays {@code null}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = KEY_VALUE.matcher(text).replaceAll(match -> {
            String value = match.group(2);
            boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'');
            String replacement = quoted ? value.charAt(0) + MASK + value.charAt(0) : MASK;
            return Matcher.quoteReplacement(match.group(1) + replacement);
        });
        masked = URL_USER_INFO.matcher(masked).replaceAll("$1:***@");
        return BEARER.matcher(masked).replaceAll("$1***");
    }
}
