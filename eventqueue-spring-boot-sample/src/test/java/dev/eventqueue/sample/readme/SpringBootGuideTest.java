package dev.eventqueue.sample.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps docs/spring-boot.md true: its Java blocks are verbatim excerpts of this
 * module's code (which its tests run), its properties lines are in the sample's
 * application.properties, and its table lists every property of the starter's metadata.
 */
class SpringBootGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "spring-boot.md");
    private static final Pattern BLOCK = Pattern.compile("```(java|properties)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void javaBlocksAreExcerptsOfTheSampleAndPropertiesLinesAreItsSettings() throws IOException {
        String sources = sources(Path.of("src", "main", "java")) + sources(Path.of("src", "test", "java"));
        String properties = Files.readString(Path.of("src", "main", "resources", "application.properties"));
        Matcher blocks = BLOCK.matcher(section());
        int javaBlocks = 0;
        while (blocks.find()) {
            if (blocks.group(1).equals("java")) {
                javaBlocks++;
                assertThat(sources).as("guide Java block in the sample's code").contains(unindent(blocks.group(2)));
            } else {
                for (String line : blocks.group(2).strip().split("\n")) {
                    assertThat(properties)
                            .as("guide property line in application.properties")
                            .contains(line);
                }
            }
        }
        assertThat(javaBlocks).isEqualTo(3);
    }

    @Test
    void propertiesTableListsEveryStarterProperty() throws IOException {
        String section = section();
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the starter's configuration metadata").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties")
                .forEach(property -> names.add(property.get("name").asString()));

        assertThat(names)
                .filteredOn(name -> name.startsWith("eventqueue."))
                .hasSizeGreaterThan(15)
                .allSatisfy(name -> assertThat(section).contains("| `" + name + "` |"));
    }

    private static String section() throws IOException {
        return Files.readString(GUIDE, StandardCharsets.UTF_8);
    }

    /** The snippet of the metrics block is indented in the test; compare without leading spaces. */
    private static String unindent(String block) {
        return block.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String sources(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(unindent(Files.readString(file))).append('\n');
            }
        }
        return all.toString();
    }
}
