package dev.eventqueue.dashboard;

import dev.eventqueue.BulkResult;
import dev.eventqueue.EventQueueOperations;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EventQueueRepository;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The operator dashboard behind any HTTP server: its JSON API under {@code /api/} and its pages.
 * A server turns each request into a {@link DashboardRequest} (establishing the {@link Caller})
 * and sends the {@link DashboardResponse} back as it is.
 *
 * <p>Read-only endpoints: {@code GET /api/stats}, {@code /api/handlers}, {@code /api/entries},
 * {@code /api/entries/{id}}, {@code /api/nodes}, {@code /api/series}. Actions: {@code POST
 * /api/retry} and {@code /api/purge} with a JSON filter; with {@code "dryRun": true} (the
 * default) they only count, which anyone may; a change needs an operator caller and is recorded in
 * the audit trail with the operator's name. A store that cannot be read is answered with 503.
 *
 * <p>Thread-safe. {@link #start()} begins sampling the last hour's series; {@link #close()} stops it.
 */
public final class DashboardApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardApi.class);
    /** How often the series is sampled unless configured otherwise. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(10);

    private final EventQueueRepository repository;
    private final AuditLog auditLog;
    private final ReadViews views;
    private final SeriesSampler series;
    private final StaticAssets assets = new StaticAssets();
    private final Duration sampleInterval;
    private ScheduledExecutorService sampler;

    private DashboardApi(Builder builder) {
        this.repository = builder.repository;
        this.auditLog = builder.auditLog;
        this.sampleInterval = builder.sampleInterval;
        this.views = new ReadViews(
                builder.queueName, repository, EventQueueOperations.of(repository, auditLog), builder.activeHandlers);
        this.series = new SeriesSampler(repository, sampleInterval);
    }

    /** A dashboard on {@code repository}, whose audit trail is {@code auditLog}. */
    public static Builder builder(EventQueueRepository repository, AuditLog auditLog) {
        return new Builder(repository, auditLog);
    }

    /** Starts sampling the series in a daemon thread; the first points appear after two intervals. */
    public synchronized DashboardApi start() {
        if (sampler == null) {
            sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "eventqueue-dashboard-sampler");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleWithFixedDelay(this::sampleSeries, 0, sampleInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Takes one sample of the series now (the sampling thread calls this every interval). */
    public void sampleSeries() {
        series.sample();
    }

    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
    }

    /** Answers one request; never throws for anything the request or the store does. */
    public DashboardResponse handle(DashboardRequest request) {
        String path = request.path().isEmpty() ? "/" : request.path();
        if (!path.startsWith("/api/")) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return json(405, Json.error(request.method() + " is not allowed on " + path));
            }
            return assets.find(path)
                    .orElseGet(() -> DashboardResponse.of(
                            404,
                            "text/plain; charset=utf-8",
                            ("Not found: " + path).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        try {
            return api(request, path);
        } catch (IllegalArgumentException e) {
            return json(400, Json.error(e.getMessage()));
        } catch (RuntimeException e) {
            String reason = SecretMasking.mask(oneLine(e));
            LOG.warn(
                    "Dashboard request {} {} failed, the queue's store cannot be read: {}",
                    request.method(),
                    path,
                    reason);
            Map<String, Object> body = Json.error("The queue's database cannot be reached or read: " + reason);
            body.put("unavailable", true);
            return json(503, body);
        }
    }

    private DashboardResponse api(DashboardRequest request, String path) {
        boolean get = request.method().equals("GET");
        boolean post = request.method().equals("POST");
        switch (path) {
            case "/api/stats":
                return get ? ok(views.stats(request.caller())) : notAllowed(request, path);
            case "/api/handlers":
                return get ? ok(views.handlers()) : notAllowed(request, path);
            case "/api/entries":
                return get ? ok(views.entries(request)) : notAllowed(request, path);
            case "/api/nodes":
                return get ? ok(views.nodes()) : notAllowed(request, path);
            case "/api/series":
                return get ? ok(series.json()) : notAllowed(request, path);
            case "/api/retry":
                return post ? action(request, "retry") : notAllowed(request, path);
            case "/api/purge":
                return post ? action(request, "purge") : notAllowed(request, path);
            default:
                if (path.startsWith("/api/entries/") && get) {
                    Optional<Map<String, Object>> entry = views.entry(path.substring("/api/entries/".length()));
                    return entry.map(this::ok)
                            .orElseGet(() -> json(
                                    404, Json.error("no entry " + path.substring(13) + " in this queue (any more)")));
                }
                return json(404, Json.error("no such endpoint: " + request.method() + " " + path));
        }
    }

    private DashboardResponse action(DashboardRequest request, String action) {
        JsonNode body = Json.readObject(request.body());
        EntryFilter filter = Filters.fromJson(body);
        JsonNode dryRunNode = body.get("dryRun");
        if (dryRunNode != null && !dryRunNode.isBoolean()) {
            throw new IllegalArgumentException("dryRun must be true or false");
        }
        boolean dryRun = dryRunNode == null || dryRunNode.asBoolean();
        Caller caller = request.caller();
        if (!dryRun && !caller.operator()) {
            return json(
                    403,
                    Json.error(
                            "read-only: " + action + " needs an operator (an operator token, or the operator role)"));
        }
        String actor = "dashboard:" + caller.name();
        EventQueueOperations operations =
                EventQueueOperations.of(repository, dryRun ? auditLog : new OperatorAuditLog(auditLog, actor));
        BulkResult result;
        try {
            result = action.equals("retry") ? operations.retry(filter, dryRun) : operations.purge(filter, dryRun);
        } catch (IllegalStateException e) {
            return json(409, Json.error(e.getMessage()));
        }
        if (!dryRun) {
            LOG.info("Dashboard: {} by {} touched {} entries", action, actor, result.total());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", action);
        json.put("dryRun", result.dryRun());
        json.put("failed", result.failed());
        json.put("orphans", result.orphans());
        json.put("total", result.total());
        json.put("by", dryRun ? null : actor);
        return ok(json);
    }

    private DashboardResponse notAllowed(DashboardRequest request, String path) {
        return json(405, Json.error(request.method() + " is not allowed on " + path));
    }

    private DashboardResponse ok(Map<String, Object> body) {
        return json(200, body);
    }

    private static DashboardResponse json(int status, Map<String, Object> body) {
        return DashboardResponse.of(status, DashboardResponse.JSON, Json.write(body));
    }

    private static String oneLine(Throwable error) {
        Throwable cause = error;
        String message = error.getMessage();
        while (cause.getCause() != null && (message == null || message.isBlank())) {
            cause = cause.getCause();
            message = cause.getMessage();
        }
        String text = message == null ? error.getClass().getSimpleName() : message;
        return text.replaceAll("\\s+", " ").strip();
    }

    /** How a dashboard is set up. */
    public static final class Builder {
        private final EventQueueRepository repository;
        private final AuditLog auditLog;
        private String queueName = "event_queue";
        private IntSupplier activeHandlers;
        private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;

        private Builder(EventQueueRepository repository, AuditLog auditLog) {
            this.repository = Objects.requireNonNull(repository, "repository");
            this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        }

        /** The queue's name as the pages show it (its table). */
        public Builder queueName(String queueName) {
            this.queueName = Objects.requireNonNull(queueName, "queueName");
            return this;
        }

        /** The handler calls in flight in this process, where a dispatcher runs here. */
        public Builder activeHandlers(IntSupplier activeHandlers) {
            this.activeHandlers = activeHandlers;
            return this;
        }

        /**
         * How often the series is sampled.
         *
         * @throws IllegalArgumentException when below one second
         */
        public Builder sampleInterval(Duration interval) {
            if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("sampleInterval must be at least 1 second, but was " + interval);
            }
            this.sampleInterval = interval;
            return this;
        }

        public DashboardApi build() {
            return new DashboardApi(this);
        }
    }
}
