package dev.eventqueue.example.e2e;

import dev.eventqueue.example.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the example's main class as a separate JVM on the test class path, the way a user runs
 * the jar, and captures its exit code, stdout and stderr.
 */
final class CliProcess implements Cli {

    private static final long TIMEOUT_SECONDS = 300;

    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();

    CliProcess(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    @Override
    public Result run(Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(
                            new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")));
            builder.environment().keySet().removeIf(Cli::notInherited);
            builder.environment().putAll(env);
            builder.environment().putAll(extraEnv);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("'" + String.join(" ", args) + "' did not end within " + TIMEOUT_SECONDS
                        + " s; output so far:\n" + Files.readString(out));
            }
            Result result = new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    String.join(" ", args));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
