package dev.eventqueue.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the fault scenarios and prints their counts as a markdown table; exits 1 when any
 * scenario lost an event (or could not run).
 */
@Command(
        name = "faults",
        mixinStandardHelpOptions = true,
        description = "Runs eventqueue's fault scenarios with three worker processes on one queue table and "
                + "counts lost and duplicated deliveries. PostgreSQL scenarios run on a cluster of the suite's own "
                + "(created on a free port from 55432 and dropped afterwards); MariaDB ones on the server given.")
public final class Faults implements Callable<Integer> {

    @Option(names = "--quick", description = "Few events and short holds: the bounded run of CI (under 5 minutes).")
    boolean quick;

    @Option(names = "--events", description = "Events per scenario (default: 3000, or 600 with --quick).")
    Integer events;

    @Option(
            names = "--scenarios",
            split = ",",
            description = "Scenarios to run (default: all): ${COMPLETION-CANDIDATES}")
    List<String> scenarios;

    @Option(
            names = "--databases",
            split = ",",
            description = "postgresql and/or mariadb (default: postgresql, plus mariadb without --quick).")
    List<String> databases;

    @Option(
            names = "--postgres-url",
            description = "Run the PostgreSQL scenarios on this database instead of an own cluster; "
                    + "scenarios that restart the server or hold its xmin horizon are then skipped.")
    String postgresUrl;

    @Option(names = "--postgres-user", defaultValue = "postgres")
    String postgresUser;

    @Option(names = "--mariadb-url", defaultValue = "jdbc:mariadb://127.0.0.1:3306/test")
    String mariadbUrl;

    @Option(names = "--mariadb-user", defaultValue = "root")
    String mariadbUser;

    @Option(names = "--write", description = "A markdown file whose faults:begin/end section receives the table.")
    Path write;

    @Option(names = "--logs", defaultValue = "eventqueue-faults/target/faults-logs", description = "Worker logs.")
    Path logs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Faults()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int perScenario = events != null ? events : quick ? 600 : 3000;
        Settings settings = quick ? Settings.quick(perScenario) : Settings.full(perScenario);
        List<Scenario> chosen = new ArrayList<>();
        if (scenarios == null || scenarios.isEmpty()) {
            chosen.addAll(List.of(Scenario.values()));
        } else {
            chosen.add(Scenario.BASELINE);
            for (String label : scenarios) {
                Scenario scenario = Scenario.byLabel(label.trim());
                if (!chosen.contains(scenario)) {
                    chosen.add(scenario);
                }
            }
        }
        List<String> targets =
                databases != null ? databases : quick ? List.of("postgresql") : List.of("postgresql", "mariadb");
        Files.createDirectories(logs);
        List<Outcome> outcomes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String pgVersion = null;
        for (String target : targets) {
            switch (target.trim()) {
                case "postgresql" -> {
                    if (postgresUrl != null) {
                        play(
                                Database.postgres("PostgreSQL", postgresUrl, postgresUser),
                                null,
                                settings,
                                chosen,
                                outcomes,
                                failures);
                    } else if (!PrivateCluster.possible()) {
                        failures.add("PostgreSQL: cannot create an own cluster here (needs Debian's pg_createcluster "
                                + "and root); pass --postgres-url to run the scenarios that do not restart the server");
                    } else {
                        try (PrivateCluster cluster = PrivateCluster.create()) {
                            pgVersion = cluster.label();
                            play(cluster.database(), cluster, settings, chosen, outcomes, failures);
                        }
                    }
                }
                case "mariadb" ->
                    play(Database.mariadb(mariadbUrl, mariadbUser), null, settings, chosen, outcomes, failures);
                default ->
                    throw new CommandLine.ParameterException(
                            new CommandLine(this), "Unknown database '" + target + "': postgresql or mariadb");
            }
        }
        String table = Report.markdown(outcomes, command(), machine(pgVersion));
        System.out.println();
        System.out.println(table);
        if (write != null) {
            Report.writeInto(write, table);
            System.out.println("Table written into " + write);
        }
        for (Outcome outcome : outcomes) {
            if (outcome.lost() > 0) {
                failures.add(outcome.scenario() + " on " + outcome.database() + " lost " + outcome.lost() + " events");
            }
        }
        failures.forEach(failure -> System.err.println("FAILED: " + failure));
        return failures.isEmpty() ? 0 : 1;
    }

    private void play(
            Database database,
            PrivateCluster cluster,
            Settings settings,
            List<Scenario> chosen,
            List<Outcome> outcomes,
            List<String> failures) {
        Stage stage = new Stage(database, settings, 0, cluster, logs);
        for (Scenario scenario : chosen) {
            if (!scenario.appliesTo(database) || (scenario.needsOwnCluster() && cluster == null)) {
                continue;
            }
            System.out.printf("%s on %s ...%n", scenario.label(), database.label());
            long started = System.nanoTime();
            try {
                Outcome outcome = scenario.play(stage);
                if (scenario == Scenario.BASELINE) {
                    stage = stage.withBaseline(outcome.throughput());
                    outcome = outcome.withBaseline(outcome.throughput());
                }
                outcomes.add(outcome);
                System.out.printf(
                        "  published %d, acknowledged %d, lost %d, duplicated %d (%.0f s)%s%n",
                        outcome.published(),
                        outcome.acknowledged(),
                        outcome.lost(),
                        outcome.duplicated(),
                        (System.nanoTime() - started) / 1e9,
                        outcome.misses().isEmpty() ? "" : " -- missed: " + String.join("; ", outcome.misses()));
            } catch (Exception e) {
                failures.add(scenario.label() + " on " + database.label() + " could not run: " + e);
                e.printStackTrace();
            }
        }
    }

    private String command() {
        StringBuilder command = new StringBuilder("./faults");
        if (quick) {
            command.append(" --quick");
        }
        if (events != null) {
            command.append(" --events ").append(events);
        }
        return command.toString();
    }

    private static String machine(String pgVersion) {
        return Runtime.getRuntime().availableProcessors() + " cores, " + memory() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + Runtime.version() + (pgVersion != null ? ", " + pgVersion : "") + ", load average at the end "
                + loadAverage() + " (the machine is shared)";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(java.util.Locale.ROOT, "%.1f GiB RAM", kib / 1024.0 / 1024.0);
                }
            }
        } catch (Exception ignored) {
            // Not Linux.
        }
        return "RAM unknown";
    }
}
