package dev.eventqueue.example.e2e;

import java.util.List;
import java.util.Map;

/**
 * Runs CLI commands and captures their exit code, stdout and stderr: in a separate JVM
 * ({@link CliProcess}) or in this one ({@link CliInProcess}).
 */
interface Cli {

    /** Sets a variable for every run; the runs never see this JVM's EVENT_QUEUE_* variables. */
    Cli env(String name, String value);

    default Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs one command with {@code extraEnv} set for this run only. */
    Result run(Map<String, String> extraEnv, String... args);

    /** Whether a variable of this JVM is left out of the runs' environment. */
    static boolean notInherited(String name) {
        return name.startsWith("EVENT_QUEUE_")
                || name.equals("USE_DATABASE_EVENT_QUEUE")
                || name.equals("EVENTQUEUE_CLI");
    }

    /** What one run did. */
    record Result(int exitCode, String stdout, String stderr, String command) {

        List<String> stderrLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "'" + command + "' exited " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }
}
