package dev.eventqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.bench.harness.Table;
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
}
