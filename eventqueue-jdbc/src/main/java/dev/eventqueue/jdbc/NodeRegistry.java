package dev.eventqueue.jdbc;

import dev.eventqueue.queue.NodeHeartbeat;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The {@code <queue table>_nodes} table: which dispatchers run, and which handlers each one has. */
final class NodeRegistry {

    /** Rows of nodes gone this long are deleted by the next heartbeat of any node. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final String table;
    private final SqlDialect dialect;
    private final SqlRunner runner;

    NodeRegistry(String queueTable, SqlDialect dialect, SqlRunner runner) {
        this.table = queueTable + "_nodes";
        this.dialect = dialect;
        this.runner = runner;
    }

    void record(NodeHeartbeat node) {
        runner.transaction("record a node's heartbeat in " + table, connection -> {
            // Delete and insert rather than an upsert: one owner is written by one dispatcher only.
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM " + table + " WHERE owner = ? OR alive_until < ?")) {
                delete.setString(1, node.owner());
                dialect.setInstant(delete, 2, node.seenAt().minus(FORGET_AFTER));
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table + " (owner, handlers, seen_at, alive_until) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, node.owner());
                insert.setString(2, String.join("\n", new TreeSet<>(node.handlers())));
                dialect.setInstant(insert, 3, node.seenAt());
                dialect.setInstant(insert, 4, node.aliveUntil());
                insert.executeUpdate();
            }
            return null;
        });
    }

    void remove(String owner) {
        runner.write("remove a stopped node from " + table, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE owner = ?")) {
                delete.setString(1, owner);
                return delete.executeUpdate();
            }
        });
    }

    List<NodeHeartbeat> aliveAt(Instant now) {
        String select =
                "SELECT owner, handlers, seen_at, alive_until FROM " + table + " WHERE alive_until >= ? ORDER BY owner";
        return runner.single("list running nodes in " + table, connection -> {
            List<NodeHeartbeat> nodes = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                dialect.setInstant(statement, 1, now);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        String handlers = result.getString("handlers");
                        Set<String> names =
                                handlers.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(handlers.split("\n")));
                        nodes.add(new NodeHeartbeat(
                                result.getString("owner"),
                                names,
                                dialect.getInstant(result, "seen_at"),
                                dialect.getInstant(result, "alive_until")));
                    }
                }
            }
            return nodes;
        });
    }
}
