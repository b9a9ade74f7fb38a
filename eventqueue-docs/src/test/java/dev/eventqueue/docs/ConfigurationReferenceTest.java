package dev.eventqueue.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventQueueSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's table is generated from {@link EventQueueSettings}. This test fails
 * when the file is out of date; {@code mvn -pl eventqueue-docs -am verify -Ddocs.update=true}
 * rewrites it.
 */
class ConfigurationReferenceTest {

    private static final Path FILE = Documents.ROOT.resolve("docs/configuration.md");

    @Test
    void theGeneratedTableIsUpToDate() throws IOException {
        String current = Files.readString(FILE, StandardCharsets.UTF_8);
        String rendered = ConfigurationReference.render(current);
        if (Boolean.getBoolean("docs.update") && !rendered.equals(current)) {
            Files.writeString(FILE, rendered, StandardCharsets.UTF_8);
            current = rendered;
        }
        assertThat(current)
                .as("docs/configuration.md is out of date: run mvn -pl eventqueue-docs -am verify -Ddocs.update=true")
                .isEqualTo(rendered);
    }

    @Test
    void theTableHasOneRowPerSetting() {
        String table = ConfigurationReference.table();

        assertThat(table.lines()).hasSize(EventQueueSettings.all().size() + 2);
        EventQueueSettings.all()
                .forEach(setting -> assertThat(table).contains("| `" + setting.environmentName() + "` |"));
        assertThat(table).contains("| `EVENT_QUEUE_BATCH_SIZE` | `eventqueue.batch-size` | `batchSize` | `50` |");
    }
}
