package io.processflow.runtime.internal.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a terminal: each column as wide as its widest cell (or a minimum), two
 * spaces between columns, a left-aligned last column left unpadded so that lines carry no trailing
 * blanks. The CLI's {@code list} and {@code list-runs} and a run's summary print through it.
 */
public final class TextTable {
  /** Where a column's cells sit in its width. */
  public enum Align {
    LEFT,
    RIGHT
  }

  private static final String GAP = "  ";

  private final List<String> headers = new ArrayList<>();
  private final List<Integer> minWidths = new ArrayList<>();
  private final List<Align> aligns = new ArrayList<>();

  /** The rows after the header; {@code null} is a rule. */
  private final List<String[]> rows = new ArrayList<>();

  /** Adds a left-aligned column as wide as its widest cell. */
  public TextTable column(String header) {
    return column(header, 0, Align.LEFT);
  }

  /** Adds a column at least {@code minWidth} wide. */
  public TextTable column(String header, int minWidth, Align align) {
    if (!rows.isEmpty()) {
      throw new IllegalStateException("column '" + header + "' added after the first row");
    }
    headers.add(header);
    minWidths.add(minWidth);
    aligns.add(align);
    return this;
  }

  /** Adds a row: one cell per column, each printed with {@link String#valueOf(Object)}. */
  public TextTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of "
              + cells.length
              + " cells for a table of "
              + headers.size()
              + " columns "
              + headers);
    }
    String[] texts = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      texts[i] = String.valueOf(cells[i]);
    }
    rows.add(texts);
    return this;
  }

  /** Adds a line of {@code -} across the whole table. */
  public TextTable rule() {
    rows.add(null);
    return this;
  }

  /** The header and the rows, one line each, every line ending with a newline. */
  @Override
  public String toString() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(minWidths.get(i), headers.get(i).length());
    }
    for (String[] row : rows) {
      for (int i = 0; row != null && i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    int total = GAP.length() * (widths.length - 1);
    for (int width : widths) {
      total += width;
    }
    StringBuilder text = new StringBuilder();
    line(text, headers.toArray(new String[0]), widths);
    for (String[] row : rows) {
      if (row == null) {
        text.append("-".repeat(total)).append('\n');
      } else {
        line(text, row, widths);
      }
    }
    return text.toString();
  }

  private void line(StringBuilder text, String[] cells, int[] widths) {
    int last = cells.length - 1;
    for (int i = 0; i <= last; i++) {
      String cell = cells[i];
      String padding = " ".repeat(widths[i] - cell.length());
      if (aligns.get(i) == Align.RIGHT) {
        text.append(padding).append(cell);
      } else {
        text.append(cell).append(i == last ? "" : padding);
      }
      text.append(i == last ? "\n" : GAP);
    }
  }
}
