package dev.eventqueue.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the dashboard answers: a status, a content type, the body, and headers the server must
 * send with it (content security policy, caching).
 */
public record DashboardResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    /** Headers every answer carries: no script, style or picture from anywhere but the dashboard itself. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options",
            "nosniff",
            "Referrer-Policy",
            "no-referrer",
            "Cache-Control",
            "no-store");

    public DashboardResponse {
        headers = Map.copyOf(headers);
    }

    static DashboardResponse of(int status, String contentType, byte[] body) {
        return new DashboardResponse(status, contentType, body, SECURITY_HEADERS);
    }

    /** The body as text, for tests and logs. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
