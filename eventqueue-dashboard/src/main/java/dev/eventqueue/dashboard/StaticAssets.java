package dev.eventqueue.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The pages, served from this jar: a fixed list of files, so no path can reach anything else. */
final class StaticAssets {

    private static final String ROOT = "/dev/eventqueue/dashboard/static/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css",
            "/favicon.svg", "favicon.svg");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    Optional<DashboardResponse> find(String path) {
        String file = FILES.get(path);
        if (file == null) {
            return Optional.empty();
        }
        byte[] body = cache.computeIfAbsent(file, StaticAssets::read);
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        return Optional.of(DashboardResponse.of(200, type, body));
    }

    private static byte[] read(String file) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + file + " is missing from its jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
