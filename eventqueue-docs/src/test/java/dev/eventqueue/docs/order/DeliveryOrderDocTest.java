package dev.eventqueue.docs.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/DELIVERY-ORDER.md and this package one source: every Java block of the page is a
 * tagged snippet from here, and the snippets run: an ordered projection and an exactly-once
 * ledger handler on one JDBC store.
 */
class DeliveryOrderDocTest {

    private static final Path PAGE = Path.of("..", "docs", "DELIVERY-ORDER.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "dev", "eventqueue", "docs", "order");
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([a-z-]+)\\[]\\s*$");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockOfThePageIsATaggedSnippetAndEverySnippetIsShown() throws IOException {
        Map<String, String> snippets = snippets();
        List<String> blocks = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(PAGE, StandardCharsets.UTF_8));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(snippets).containsOnlyKeys("ordered-handler", "transactional-handler", "wiring", "blocked");
        snippets.forEach((name, code) ->
                assertThat(blocks).as("page block for snippet '%s'", name).contains(code));
        assertThat(snippets.values()).as("Java blocks of the page").containsAll(blocks);
    }

    @Test
    void theOrderedProjectionSeesEachAccountInOrderAndTheLedgerGetsOneRowPerEvent() throws SQLException {
        DataSource dataSource = TestDatabases.h2();
        execute(dataSource, "CREATE TABLE ledger (event_id VARCHAR(36), account_id VARCHAR(64), amount_cents BIGINT)");
        AccountProjection projection = new AccountProjection();
        try (EventDispatcher dispatcher = DeliveryOrderExample.wire(dataSource, projection)) {
            List<AccountEvent> events = new ArrayList<>();
            for (int version = 1; version <= 5; version++) {
                for (String account : List.of("acc-1", "acc-2", "acc-3")) {
                    events.add(AccountEvent.of(account, version, 100L * version));
                }
            }
            dispatcher.publishAll(events, null);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 30);
            for (String account : List.of("acc-1", "acc-2", "acc-3")) {
                assertThat(projection.versionsSeen(account)).containsExactly(1, 2, 3, 4, 5);
            }
            assertThat(count(dataSource, "SELECT COUNT(*) FROM ledger")).isEqualTo(15);
            assertThat(count(dataSource, "SELECT COUNT(DISTINCT event_id) FROM ledger"))
                    .isEqualTo(15);
            assertThat(DeliveryOrderExample.blocked(dispatcher)).isZero();
        }
    }

    private static long count(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Map<String, String> snippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher tag = TAG.matcher(lines.get(i));
                    if (tag.matches()) {
                        int end = lines.indexOf(lines.get(i).replace("tag::", "end::"));
                        assertThat(end)
                                .as("end of tag %s in %s", tag.group(1), file)
                                .isGreaterThan(i);
                        snippets.put(tag.group(1), deindent(lines.subList(i + 1, end)));
                    }
                }
            }
        }
        return snippets;
    }

    private static String deindent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            code.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return code.toString();
    }
}
