package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.dashboard.DashboardApi;
import dev.eventqueue.dashboard.DashboardHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the operator dashboard in the browser: counts, live charts, handlers, entries, nodes,",
            "and retry or purge by filter. Prints its URL and runs until interrupted (Ctrl+C).",
            "Read-only unless an operator token is set: then a browser that gives the token may act,",
            "and every action is recorded in the audit trail with who did it."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by an interrupt",
            "1:database unreachable, table missing, or the address cannot be listened on",
            "2:invalid command line"
        })
final class DashboardCommand extends DatabaseCommand {

    static final String TOKEN_VARIABLE = "EVENT_QUEUE_DASHBOARD_TOKEN";

    int port;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    void port(int value) {
        // Checked while parsing, so that a wrong port is a usage error before any database is opened.
        if (value < 0 || value > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, but was " + value);
        }
        port = value;
    }

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String bind;

    @Option(
            names = "--operator-token",
            paramLabel = "TOKEN",
            description = {
                "Token that allows retry and purge from the browser. Default: $" + TOKEN_VARIABLE + ".",
                "Prefer the variable: a command line is visible to other users of the machine."
            })
    String operatorToken;

    /** Counted down to stop the server from a test; an interrupt or Ctrl+C stops it otherwise. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        String token = operatorToken != null && !operatorToken.isBlank()
                ? operatorToken.trim()
                : Environment.variables(spec).get(TOKEN_VARIABLE);
        try (DashboardApi api = DashboardApi.builder(
                                session.dispatcher().getRepository(),
                                session.dispatcher().getAuditLog())
                        .queueName(session.queueName())
                        .build()
                        .start();
                DashboardHttpServer server = listen(api, token)) {
            Thread hook = new Thread(stop::countDown, "eventqueue-dashboard-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            announce(session, server);
            try {
                stop.await();
            } catch (InterruptedException e) {
                // An interrupt is the signal to stop, handled here: the flag is not set again, so
                // that the database pool still closes cleanly.
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook already ran: the JVM is stopping, which is what was asked.
            }
        }
        return ExitCodes.OK;
    }

    private DashboardHttpServer listen(DashboardApi api, String token) {
        try {
            return DashboardHttpServer.start(api, new InetSocketAddress(bind, port), token);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(
                    ExitCodes.FAILURE, "cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private void announce(AdminSession session, DashboardHttpServer server) {
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("url", server.uri().toString());
            result.put("table", session.queueName());
            result.put("actions", server.actionsEnabled());
            JsonOutput.print(out(), result);
        } else {
            out().println("Dashboard of queue " + session.queueName() + " in " + session.location() + ": "
                    + server.uri());
            out().println(
                            server.actionsEnabled()
                                    ? "Operator actions: allowed to a browser that gives the operator token."
                                    : "Read-only: set " + TOKEN_VARIABLE
                                            + " (or --operator-token) to allow retry and purge.");
            out().println("Press Ctrl+C to stop.");
        }
        out().flush();
    }
}
