package dev.eventqueue.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownFileTest {

    @TempDir
    Path directory;

    @Test
    void rewritesOnlyTheSectionBetweenTheMarkers() throws Exception {
        Path file = directory.resolve("PERFORMANCE.md");
        Files.writeString(
                file,
                "# Title\n\nhand-written before\n\n" + MarkdownFile.BEGIN + "\nold table\n" + MarkdownFile.END
                        + "\n\nhand-written after\n");

        MarkdownFile.writeSection(file, "new table");

        assertThat(Files.readString(file))
                .isEqualTo("# Title\n\nhand-written before\n\n" + MarkdownFile.BEGIN + "\nnew table\n"
                        + MarkdownFile.END + "\n\nhand-written after\n");
    }

    @Test
    void appendsTheSectionToAFileWithoutMarkersAndCreatesMissingFiles() throws Exception {
        Path existing = directory.resolve("existing.md");
        Files.writeString(existing, "# Notes\n");
        Path missing = directory.resolve("sub/missing.md");

        MarkdownFile.writeSection(existing, "table");
        MarkdownFile.writeSection(missing, "table");

        assertThat(Files.readString(existing))
                .isEqualTo("# Notes\n\n" + MarkdownFile.BEGIN + "\ntable\n" + MarkdownFile.END + "\n");
        assertThat(Files.readString(missing)).isEqualTo(MarkdownFile.BEGIN + "\ntable\n" + MarkdownFile.END + "\n");
    }
}
