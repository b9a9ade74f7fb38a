package dev.eventqueue.spring.observation;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.Map;

/** Reads the publish span's context back from an entry's W3C {@code traceparent} header. */
final class PublishLink {

    static final String TRACEPARENT = "traceparent";

    private PublishLink() {}

    /**
     * The publish span's context, or {@code null} when the headers hold no well-formed {@code
     * traceparent} ({@code version-traceid-spanid-flags}, lower-case hex).
     */
    static TraceContext from(Map<String, String> headers, Tracer tracer) {
        String value = headers.get(TRACEPARENT);
        if (value == null || value.length() < 55 || !isHex(value, 0, 2)) {
            return null;
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return null;
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        if (!isHex(value, 3, 35)
                || !isHex(value, 36, 52)
                || !isHex(value, 53, 55)
                || isZero(traceId)
                || isZero(spanId)) {
            return null;
        }
        boolean sampled = (Character.digit(value.charAt(54), 16) & 1) == 1;
        return tracer.traceContextBuilder()
                .traceId(traceId)
                .spanId(spanId)
                .sampled(sampled)
                .build();
    }

    private static boolean isHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
