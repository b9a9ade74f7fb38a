package dev.eventqueue.nats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A main class of the test classpath run in a JVM of its own, so that a test can kill it with
 * SIGKILL; the child tells the test what it did through lines on its standard output.
 */
public final class ChildJvm {

    /** The child, and the thread that reads its standard output until the JVM ends. */
    public record Child(Process process, Thread output) {}

    private ChildJvm() {}

    /**
     * Starts {@code main} with {@code args}; its standard error goes to {@code log} and each line of
     * its standard output to {@code lines}, on a daemon thread.
     */
    public static Child start(Class<?> main, Path log, Consumer<String> lines, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", "logback-test.xml"),
                main.getName()));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command).redirectError(log.toFile()).start();
        Thread output = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            lines.accept(line);
                        }
                    } catch (IOException e) {
                        // the process was killed
                    }
                },
                main.getSimpleName() + "-output");
        output.setDaemon(true);
        output.start();
        return new Child(process, output);
    }

    /** For a child's main: says {@code ready} on standard output, then waits to be killed. */
    public static void announceAndWait(String ready) {
        System.out.println(ready);
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
