package dev.eventqueue.spring.dashboard;

import dev.eventqueue.dashboard.Caller;
import dev.eventqueue.dashboard.DashboardApi;
import dev.eventqueue.dashboard.DashboardRequest;
import dev.eventqueue.dashboard.DashboardResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves a {@link DashboardApi} in a servlet container. A caller may act when they have the
 * operator role ({@link HttpServletRequest#isUserInRole}, which Spring Security answers) or send
 * the operator token as {@code Authorization: Bearer TOKEN}; everyone else may only look.
 */
public final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 64 * 1024;

    private final transient DashboardApi api;
    private final String operatorRole;
    private final byte[] token;

    public DashboardServlet(DashboardApi api, String operatorRole, String operatorToken) {
        this.api = api;
        this.operatorRole = operatorRole == null || operatorRole.isBlank() ? null : operatorRole.trim();
        this.token = operatorToken == null || operatorToken.isBlank()
                ? null
                : operatorToken.trim().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // The pages use relative addresses: they need the trailing slash.
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            response.sendError(413, "the request body is larger than " + MAX_BODY + " bytes");
            return;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, Arrays.asList(values)));
        DashboardResponse answer =
                api.handle(new DashboardRequest(request.getMethod(), path, query, body, caller(request)));
        answer.headers().forEach(response::setHeader);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(answer.body());
        }
    }

    private Caller caller(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        String name = user == null ? "anonymous (" + request.getRemoteAddr() + ")" : user.getName();
        if (operatorRole != null && user != null && request.isUserInRole(operatorRole)) {
            return Caller.operator(name);
        }
        String authorization = request.getHeader("Authorization");
        if (token != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(token, given)) {
                return Caller.operator(
                        (user == null ? "operator" : user.getName()) + " (token, " + request.getRemoteAddr() + ")");
            }
        }
        return Caller.readOnly(name);
    }
}
