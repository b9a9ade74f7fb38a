package dev.eventqueue.example.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header row and columns padded to their widest cell. Numeric
 * columns are right-aligned. Cells longer than a column's limit are cut and end in "...".
 */
public final class TextTable {

    private final List<Column> columns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable column(String header) {
        columns.add(new Column(header, false, Integer.MAX_VALUE));
        return this;
    }

    public TextTable numericColumn(String header) {
        columns.add(new Column(header, true, Integer.MAX_VALUE));
        return this;
    }

    /** A left-aligned column whose cells are cut at {@code maxWidth} characters. */
    public TextTable column(String header, int maxWidth) {
        columns.add(new Column(header, false, maxWidth));
        return this;
    }

    public TextTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("Expected " + columns.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            row.add(cut(cells[i] == null ? "" : String.valueOf(cells[i]), columns.get(i).maxWidth));
        }
        rows.add(row);
        return this;
    }

    /** The table as lines, each without trailing spaces; {@code indent} goes before every line. */
    public List<String> render(String indent) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).header.length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        List<String> header = new ArrayList<>();
        columns.forEach(column -> header.add(column.header));
        lines.add(indent + line(header, widths));
        for (List<String> row : rows) {
            lines.add(indent + line(row, widths));
        }
        return lines;
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), render(""));
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(columns.get(i).numeric ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }

    private static String cut(String text, int maxWidth) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= maxWidth ? oneLine : oneLine.substring(0, maxWidth - 3) + "...";
    }

    private record Column(String header, boolean numeric, int maxWidth) {}
}
