package dev.eventqueue.bench;

import dev.eventqueue.bench.harness.CaseResult;
import dev.eventqueue.bench.harness.Machine;
import dev.eventqueue.bench.harness.MarkdownFile;
import dev.eventqueue.bench.harness.Progress;
import dev.eventqueue.bench.harness.Report;
import dev.eventqueue.bench.harness.Runner;
import dev.eventqueue.bench.harness.Targets;
import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.NatsServers;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark command: runs the chosen scenarios, prints progress and a markdown report, writes it to a file. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures eventqueue: throughput in memory and on PostgreSQL, MariaDB and H2, publish rate, "
                + "latency, memory, cost against a large table, and a raw JDBC reference.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--quick", description = "A tenth of the sizes, 1 run, short latency runs (about 2 minutes).")
    boolean quick;

    @Option(
            names = "--runs",
            description = "Measured runs per case; the report shows medians (default: 3, 1 with --quick).")
    Integer runs;

    @Option(
            names = "--scenarios",
            split = ",",
            description = "Which of: raw, inmemory, jdbc, nats, publish, latency, duetime, memory, backlog, tracing, "
                    + "peers, sustained (default: all).")
    List<String> scenarios;

    @Option(
            names = "--databases",
            split = ",",
            description = "Which of: postgres, mariadb, h2 (default: all that answer).")
    List<String> databases;

    @Option(
            names = "--nats",
            split = ",",
            description = "NATS servers for the nats scenario, started by the bench from the nats-server binary on "
                    + "loopback ports: single (1 server), cluster (3 servers, buckets on all 3) (default: both). "
                    + "The latency scenario runs on them too when the nats scenario or this option is chosen.")
    List<String> nats;

    @Option(
            names = "--output",
            description = "Markdown file whose generated section is rewritten "
                    + "(default: docs/PERFORMANCE.md, or target/bench-quick.md with --quick).")
    Path output;

    /** The NATS client logs through java.util.logging; its routine flow-control notes would bury the progress. */
    private static final java.util.logging.Logger NATS_CLIENT = java.util.logging.Logger.getLogger("io.nats.client");

    public static void main(String[] args) {
        NATS_CLIENT.setLevel(java.util.logging.Level.WARNING);
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int runCount = runs != null ? runs : quick ? 1 : 3;
        Set<String> chosen = new LinkedHashSet<>(scenarios == null ? Plan.SCENARIOS : scenarios);
        for (String scenario : chosen) {
            if (!Plan.SCENARIOS.contains(scenario)) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "Unknown scenario '" + scenario + "'; choose from " + Plan.SCENARIOS);
            }
        }
        Progress progress = new Progress(System.out);
        String loadBefore = Machine.load();
        progress.line(
                "eventqueue bench: %s, %d run(s) per case, scenarios %s", quick ? "quick" : "full", runCount, chosen);
        Map<Database, String> versions = reachableDatabases(progress);
        List<Database> used = new ArrayList<>(versions.keySet());
        String natsVersion = usesNats(chosen) ? NatsServers.probeVersion() : null;
        List<NatsServers> natsUsed = natsServers(chosen, natsVersion, progress);
        List<CaseResult> results;
        try {
            results = new Runner(runCount, progress).runAll(new Plan(quick, chosen, used, natsUsed).cases());
        } finally {
            NatsServers.stopAll();
        }
        Report report = new Report(results);
        String markdown = header(
                        runCount,
                        chosen,
                        versions,
                        natsUsed.isEmpty() ? null : natsVersion,
                        loadBefore,
                        progress.elapsedSeconds())
                + new Targets(report).table()
                + report.tables();
        System.out.println();
        System.out.println(markdown);
        Path file = output != null
                ? output
                : Path.of(quick ? "eventqueue-bench/target/bench-quick.md" : "docs/PERFORMANCE.md");
        MarkdownFile.writeSection(file, markdown);
        progress.line("wrote %s", file.toAbsolutePath().normalize());
        return results.stream().anyMatch(r -> r.error() != null) ? 1 : 0;
    }

    private Map<Database, String> reachableDatabases(Progress progress) {
        List<Database> wanted = new ArrayList<>();
        if (databases == null) {
            wanted.addAll(List.of(Database.values()));
        } else {
            databases.forEach(key -> wanted.add(Database.fromKey(key)));
        }
        Map<Database, String> versions = new LinkedHashMap<>();
        for (Database database : wanted) {
            String version = database.probeVersion();
            if (version == null) {
                progress.line("%s does not answer; its scenarios are skipped", database.label());
            } else {
                versions.put(database, version);
                progress.line("%s: %s", database.label(), version);
            }
        }
        return versions;
    }

    /**
     * Whether the run needs NATS servers: for the nats scenario, or for the latency scenario when
     * {@code --nats} chooses servers (without it, latency stays on PostgreSQL alone).
     */
    private boolean usesNats(Set<String> chosen) {
        return chosen.contains("nats") || (nats != null && chosen.contains("latency"));
    }

    private List<NatsServers> natsServers(Set<String> chosen, String version, Progress progress) {
        if (!usesNats(chosen)) {
            return List.of();
        }
        if (version == null) {
            progress.line("nats-server not found (PATH, /usr/sbin or $NATS_SERVER); the JetStream rows are skipped");
            return List.of();
        }
        progress.line("NATS: %s", version);
        if (nats == null) {
            return List.of(NatsServers.values());
        }
        List<NatsServers> wanted = new ArrayList<>();
        for (String key : nats) {
            wanted.add(NatsServers.valueOf(key.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        return wanted;
    }

    private String header(
            int runCount,
            Set<String> chosen,
            Map<Database, String> versions,
            String natsVersion,
            String loadBefore,
            long seconds) {
        StringBuilder text = new StringBuilder();
        text.append("### Results of `./bench")
                .append(quick ? " --quick" : "")
                .append("`, ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append("\n\n");
        text.append("- Machine: ")
                .append(Machine.cpuModel())
                .append(", ")
                .append(Machine.cores())
                .append(" cores, ")
                .append(Machine.memory())
                .append(" RAM, ")
                .append(Machine.os())
                .append('\n');
        text.append("- Load average (1/5/15 min) before: ")
                .append(loadBefore)
                .append(", after: ")
                .append(Machine.load())
                .append(" (the machine is shared; figures are medians of ")
                .append(runCount)
                .append(" run(s) after one warm-up run, two for the first case of a kind)\n");
        text.append("- JVM: ").append(Machine.jvm()).append('\n');
        versions.forEach((database, version) -> text.append("- ")
                .append(database.label())
                .append(": ")
                .append(version)
                .append(database == Database.H2 ? " (embedded, in memory)" : " (same machine)")
                .append('\n'));
        if (natsVersion != null) {
            text.append("- NATS: ")
                    .append(natsVersion)
                    .append(" (started by the bench on loopback ports, same machine; file storage)\n");
        }
        text.append("- Scenarios: ")
                .append(String.join(", ", chosen))
                .append("; took ")
                .append(seconds / 60)
                .append(" min ")
                .append(seconds % 60)
                .append(" s\n");
        text.append("- Settings: database throughput ")
                .append(Plan.databaseConfig().describe())
                .append("; in-memory throughput batchSize ")
                .append(Plan.memoryConfig().batchSize())
                .append(", maxConcurrent ")
                .append(Plan.memoryConfig().maxConcurrent())
                .append("; latency: defaults; publishAll batches of ")
                .append(Plan.PUBLISH_BATCH)
                .append("; no-op handlers; audit log `AuditLogs.none()` unless the row says `default`\n\n");
        return text.toString();
    }
}
