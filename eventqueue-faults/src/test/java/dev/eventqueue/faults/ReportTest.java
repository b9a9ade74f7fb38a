package dev.eventqueue.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final Outcome LOSSY =
            new Outcome("stale_claim", "PostgreSQL", 600, 599, 1, 3, 13, 13L, 3.94, 7, 30, 28, 942L, "paused 8 s");

    @Test
    void tableRowCarriesTheCountsAndMarksTheMissedTarget() {
        String table = Report.markdown(List.of(LOSSY), "./faults --quick", "2 cores");

        assertThat(table)
                .contains("Command: `./faults --quick`")
                .contains("| stale_claim | PostgreSQL | 600 | 599 | 1 | 3 (13) | 13 | 3.9 s (7 s) | 30/s | 1.07 | 942 "
                        + "| **missed: 1 lost** |")
                .contains("- stale_claim (PostgreSQL): paused 8 s");
    }

    @Test
    void writesTheTableBetweenTheMarkersAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("RELIABILITY.md");
        Files.writeString(doc, "intro\n" + Report.BEGIN + "\nold table\n" + Report.END + "\nafter\n");

        Report.writeInto(doc, "new table");

        assertThat(Files.readString(doc))
                .isEqualTo("intro\n" + Report.BEGIN + "\nnew table\n" + Report.END + "\nafter\n");
    }

    @Test
    void refusesADocumentWithoutMarkers(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("other.md");
        Files.writeString(doc, "no markers here");

        assertThatThrownBy(() -> Report.writeInto(doc, "table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("faults:begin");
    }
}
