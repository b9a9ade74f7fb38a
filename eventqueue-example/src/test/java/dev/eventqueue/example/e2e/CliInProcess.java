package dev.eventqueue.example.e2e;

import dev.eventqueue.example.cli.EventQueueCommand;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a command in this JVM, as {@code Main} does but without exiting: the command line of
 * {@link EventQueueCommand#commandLine(Map)} with its own variables, its output and error writers
 * and, while it runs, {@code System.out} and {@code System.err} (where the logs go) captured. One
 * run at a time. Saves starting a JVM per command; what only a process shows (the exit status,
 * the working folder, --verbose changing the log levels for good) is left to {@link CliProcess}.
 */
final class CliInProcess implements Cli {

    private static final Object ONE_AT_A_TIME = new Object();

    private final Map<String, String> env = new HashMap<>();

    @Override
    public CliInProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    @Override
    public Result run(Map<String, String> extraEnv, String... args) {
        if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
            throw new IllegalArgumentException(
                    "--verbose raises the log levels of the whole JVM: run it with CliProcess");
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.keySet().removeIf(Cli::notInherited);
        variables.putAll(env);
        variables.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        synchronized (ONE_AT_A_TIME) {
            PrintStream systemOut = System.out;
            PrintStream systemErr = System.err;
            PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8);
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            try {
                CommandLine commandLine = EventQueueCommand.commandLine(variables)
                        .setOut(new PrintWriter(new OutputStreamWriter(capturedOut, StandardCharsets.UTF_8), true))
                        .setErr(new PrintWriter(new OutputStreamWriter(capturedErr, StandardCharsets.UTF_8), true));
                exitCode = commandLine.execute(args);
                commandLine.getOut().flush();
                commandLine.getErr().flush();
            } finally {
                System.setOut(systemOut);
                System.setErr(systemErr);
            }
        }
        return new Result(
                exitCode,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                String.join(" ", args));
    }
}
