package dev.eventqueue.example.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void shortErrorKeepsSimpleClassNamesOfNestedAndCausedByClasses() {
        String stored = "dev.eventqueue.example.handlers.NotificationHandler$MailRefusedException: refused"
                + " / caused by java.net.ConnectException: Connection refused";

        assertThat(Texts.shortError(stored))
                .isEqualTo("MailRefusedException: refused / caused by ConnectException: Connection refused");
        assertThat(Texts.shortError(null)).isEmpty();
        assertThat(Texts.shortError("plain message. Next sentence")).isEqualTo("plain message. Next sentence");
    }

    @Test
    void tablePadsColumnsAlignsNumbersAndCutsLongCells() {
        TextTable table = new TextTable()
                .column("NAME")
                .numericColumn("COUNT")
                .column("NOTE", 8)
                .row("a", 5, "short")
                .row("longer", 120, "much too long");

        assertThat(table.render("> "))
                .containsExactly("> NAME    COUNT  NOTE", "> a           5  short", "> longer    120  much ...");
    }

    @Test
    void rowWithTheWrongNumberOfCellsIsRejected() {
        assertThatThrownBy(() -> new TextTable().column("A").row("x", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected 1 cells, got 2");
    }
}
