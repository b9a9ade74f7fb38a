package dev.eventqueue.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to the dashboard, whatever server received it.
 *
 * @param method the HTTP method, upper case
 * @param path   the path below the dashboard's root, starting with {@code /} (e.g. {@code /api/stats})
 * @param query  the decoded query parameters, each with its values in order
 * @param body   the request body, empty when there is none
 * @param caller who sends it
 */
public record DashboardRequest(
        String method, String path, Map<String, List<String>> query, byte[] body, Caller caller) {

    public DashboardRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(caller, "caller");
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** A request without body. */
    public static DashboardRequest get(String path, Map<String, List<String>> query, Caller caller) {
        return new DashboardRequest("GET", path, query, new byte[0], caller);
    }

    /** The first value of a query parameter, or {@code null}. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
