package dev.eventqueue.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link DashboardApi} with the JDK's HTTP server, at the root path. A request carrying
 * the operator token ({@code Authorization: Bearer TOKEN}) may act; every other request may only
 * look. The operator's name for the audit trail is the {@code X-EventQueue-Operator} header when
 * given, else {@code operator}.
 */
public final class DashboardHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardHttpServer.class);
    static final int MAX_BODY = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("[\\w.@ -]{1,64}");

    private final HttpServer server;
    private final ExecutorService executor;
    private final DashboardApi api;
    private final byte[] token;

    private DashboardHttpServer(HttpServer server, ExecutorService executor, DashboardApi api, String token) {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts serving on {@code address} (port 0 picks a free one).
     *
     * @param operatorToken the token that allows actions; {@code null} or blank: read-only for everyone
     * @throws IOException when the address cannot be bound (in use, not on this machine)
     */
    public static DashboardHttpServer start(DashboardApi api, InetSocketAddress address, String operatorToken)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "eventqueue-dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        DashboardHttpServer dashboard = new DashboardHttpServer(server, executor, api, operatorToken);
        server.createContext("/", dashboard::exchange);
        server.setExecutor(executor);
        server.start();
        return dashboard;
    }

    /** Where the dashboard is, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort() + "/");
    }

    /** Whether actions are possible at all (an operator token is set). */
    public boolean actionsEnabled() {
        return token != null;
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            DashboardResponse response;
            if (body.length > MAX_BODY) {
                response = DashboardResponse.of(
                        413,
                        DashboardResponse.JSON,
                        Json.write(Json.error("the request body is larger than " + MAX_BODY + " bytes")));
            } else {
                URI uri = exchange.getRequestURI();
                response = api.handle(new DashboardRequest(
                        exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                        uri.getRawPath() == null ? "/" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8),
                        query(uri.getRawQuery()),
                        body,
                        caller(exchange)));
            }
            response.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Dashboard exchange ended early: {}", e.toString());
        }
    }

    private Caller caller(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (token != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(token, given)) {
                String name = exchange.getRequestHeaders().getFirst("X-EventQueue-Operator");
                String who = name != null && NAME.matcher(name.trim()).matches() ? name.trim() : "operator";
                return Caller.operator(who + " (token, " + remote + ")");
            }
        }
        return Caller.readOnly("viewer (" + remote + ")");
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
