package dev.eventqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Report;
import dev.eventqueue.bench.harness.ScriptedCase;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.bench.harness.Targets;
import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.NatsServers;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static List<String> latencyRows(List<Database> databases, List<NatsServers> nats) {
        return new Plan(true, Set.of("latency"), databases, nats)
                .cases().stream()
                        .filter(c -> c.table() == Table.LATENCY)
                        .map(c -> c.labels().get("store") + ", " + c.labels().get("publisher → worker") + ", "
                                + c.labels().get("handlers/event"))
                        .toList();
    }

    @Test
    void latencyRunsOnTheChosenNatsServersBesidePostgresql() {
        assertThat(latencyRows(List.of(Database.POSTGRESQL), List.of(NatsServers.SINGLE, NatsServers.CLUSTER)))
                .containsExactly(
                        "PostgreSQL, same node, 1",
                        "PostgreSQL, same node, 3",
                        "PostgreSQL, across nodes, 1",
                        "PostgreSQL, across nodes, 3",
                        "NATS 1 server, same node, 1",
                        "NATS 1 server, across nodes, 1",
                        "NATS 3 servers R3, same node, 1",
                        "NATS 3 servers R3, across nodes, 1");
    }

    @Test
    void latencyWithoutNatsServersStaysOnPostgresql() {
        assertThat(latencyRows(List.of(Database.POSTGRESQL), List.of()))
                .allMatch(row -> row.startsWith("PostgreSQL"))
                .hasSize(4);
    }

    @Test
    void latencyRunsOnNatsAloneWhenPostgresqlIsNotChosen() {
        assertThat(latencyRows(List.of(Database.MARIADB), List.of(NatsServers.CLUSTER)))
                .containsExactly("NATS 3 servers R3, same node, 1", "NATS 3 servers R3, across nodes, 1");
    }

    @Test
    void theJdbcScenarioAlsoRunsEachDatabaseWithCompletedEntriesDeleted() {
        List<String> rows = new Plan(true, Set.of("jdbc"), List.of(Database.POSTGRESQL, Database.MARIADB), List.of())
                .cases().stream()
                        .map(c -> c.labels().get("store") + ", " + c.labels().get("dispatchers") + ", "
                                + c.labels().get("handlers/event"))
                        .toList();

        assertThat(rows)
                .hasSize(10)
                .contains("PostgreSQL, completed deleted, 1, 1", "MariaDB, completed deleted, 1, 1")
                .filteredOn(row -> row.contains("completed deleted"))
                .hasSize(2);
    }

    @Test
    void theNatsScenarioRunsEachServerSetWithCompletedEntriesKeptAndDeleted() {
        List<String> rows = new Plan(true, Set.of("nats"), List.of(), List.of(NatsServers.SINGLE, NatsServers.CLUSTER))
                .cases().stream()
                        .map(c -> c.labels().get("store") + ", " + c.labels().get("dispatchers"))
                        .toList();

        assertThat(rows)
                .containsExactly(
                        "NATS 1 server, 1",
                        "NATS 1 server, 3",
                        "NATS 1 server, completed deleted, 1",
                        "NATS 1 server, completed deleted, 3",
                        "NATS 3 servers R3, 1",
                        "NATS 3 servers R3, 3",
                        "NATS 3 servers R3, completed deleted, 1",
                        "NATS 3 servers R3, completed deleted, 3");
    }

    /** Scripted figures for a case of the plan: what the targets test below expects of each row. */
    private static Case scripted(Case planned) {
        String store = planned.labels().getOrDefault("store", "");
        String system = planned.labels().getOrDefault("system", "");
        double entries = planned.table() == Table.RAW ? 10_000 : store.endsWith("completed deleted") ? 30_000 : 20_000;
        double jobs =
                system.startsWith("eventqueue") ? (system.endsWith("completed deleted") ? 60_000 : 50_000) : 10_000;
        return ScriptedCase.like(planned)
                .reports(Metric.ENTRIES_PER_SECOND, entries, entries, entries)
                .reports(Metric.JOBS_PER_SECOND, jobs, jobs, jobs);
    }

    @Test
    void theTargetsCheckTheRowsThePlanMeasures() {
        List<Case> cases = new Plan(true, Set.of("raw", "jdbc", "peers"), List.of(Database.POSTGRESQL), List.of())
                .cases().stream().map(PlanTest::scripted).toList();

        String targets = new Targets(new Report(ScriptedCase.runAll(cases))).table();

        assertThat(targets)
                .contains("| PostgreSQL, 1 dispatcher: ≥ 80 % of the raw JDBC reference | 200 % | yes |")
                .contains("| PostgreSQL, 1 dispatcher, completed entries deleted: ≥ 1.3× the raw JDBC reference"
                        + " | 3.00× | yes |")
                .contains("| PostgreSQL, eventqueue: ≥ 5× db-scheduler, same run | 5.00× | yes |")
                .contains("| PostgreSQL, eventqueue, completed deleted: ≥ 5× db-scheduler, same run | 6.00× | yes |")
                .contains("| PostgreSQL, eventqueue, default settings: ≥ 5× db-scheduler, same run | 5.00× | yes |");
    }
}
