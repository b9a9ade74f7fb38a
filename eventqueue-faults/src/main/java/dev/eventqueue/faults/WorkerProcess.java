package dev.eventqueue.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A worker JVM started by the suite: start, kill, pause, resume, and the pool-exhaustion command. */
final class WorkerProcess implements AutoCloseable {

    /** What a worker JVM needs besides its own name. */
    record Setup(
            Database database,
            String table,
            long leaseMillis,
            long workMillis,
            long handlerTimeoutMillis,
            long agingMillis,
            int poolSize,
            boolean keepCompleted,
            Path logDirectory) {}

    private final Setup setup;
    private final String name;
    private final long clockOffsetSeconds;
    private Process process;
    private Writer commands;

    WorkerProcess(Setup setup, String name, long clockOffsetSeconds) {
        this.setup = setup;
        this.name = name;
        this.clockOffsetSeconds = clockOffsetSeconds;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    private CountDownLatch ready;

    /** Starts the JVM and waits until its dispatcher runs. */
    void start() throws IOException, InterruptedException {
        launch();
        awaitReady();
    }

    /** Starts the JVM without waiting, so that several start at once. */
    void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(
                List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:-UsePerfData"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        command.add("worker=" + name);
        command.add("postgres=" + setup.database().postgres());
        command.add("url=" + setup.database().url());
        command.add("user=" + setup.database().user());
        command.add("table=" + setup.table());
        command.add("pool=" + setup.poolSize());
        command.add("lease-ms=" + setup.leaseMillis());
        command.add("work-ms=" + setup.workMillis());
        command.add("handler-timeout-ms=" + setup.handlerTimeoutMillis());
        command.add("aging-ms=" + setup.agingMillis());
        command.add("keep-completed=" + setup.keepCompleted());
        command.add("clock-offset-s=" + clockOffsetSeconds);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(setup.logDirectory()
                .resolve(setup.table() + "-" + name + ".log")
                .toFile()));
        process = builder.start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        CountDownLatch ready = new CountDownLatch(1);
        this.ready = ready;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (line.startsWith("ready")) {
                                ready.countDown();
                            }
                        }
                    } catch (IOException ignored) {
                        // The process ended.
                    }
                },
                "faults-" + name + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until the worker's dispatcher runs. */
    void awaitReady() throws InterruptedException {
        if (!ready.await(180, TimeUnit.SECONDS) || !process.isAlive()) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "Worker " + name + " did not start; see its log in " + setup.logDirectory());
        }
    }

    /** SIGKILL: the process dies at once, whatever it held. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Asks the worker to hold every connection of its pool for {@code millis}. */
    void hogPool(long millis) throws IOException {
        commands.write("hog " + millis + "\n");
        commands.flush();
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Asks the worker to stop: closing its input does (a paused worker is resumed first). */
    void requestStop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            signal("CONT");
        } catch (IOException | RuntimeException e) {
            // Gone already.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            commands.close();
        } catch (IOException ignored) {
            // Gone already.
        }
    }

    /** Stops the worker and waits for it; kills it if it does not stop within 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        requestStop();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
