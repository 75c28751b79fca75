package io.processflow.runtime.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.runtime.internal.text.TextTable.Align;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void columnsAreAsWideAsTheirWidestCellAndTheLastLeftAlignedOneIsNotPadded() {
    String text =
        new TextTable()
            .column("dag_id")
            .column("description")
            .row("a_long_id", "x")
            .row("b", "")
            .toString();

    assertThat(text).isEqualTo("dag_id     description\n" + "a_long_id  x\n" + "b          \n");
  }

  @Test
  void minimumWidthsRightAlignmentAndRulesSpanTheTable() {
    String text =
        new TextTable()
            .column("task")
            .column("state", 7, Align.LEFT)
            .column("n", 3, Align.RIGHT)
            .rule()
            .row("t", "failed", 12)
            .rule()
            .toString();

    assertThat(text)
        .isEqualTo(
            "task  state      n\n"
                + "------------------\n"
                + "t     failed    12\n"
                + "------------------\n");
  }

  @Test
  void aCellWiderThanItsMinimumWidensTheColumn() {
    String text =
        new TextTable().column("a", 2, Align.RIGHT).column("b").row("wide", "y").toString();

    assertThat(text).isEqualTo("   a  b\n" + "wide  y\n");
  }

  @Test
  void aRowMustHaveOneCellPerColumn() {
    TextTable table = new TextTable().column("a").column("b");

    assertThatThrownBy(() -> table.row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a row of 1 cells for a table of 2 columns [a, b]");
  }

  @Test
  void columnsCannotBeAddedAfterRows() {
    TextTable table = new TextTable().column("a").row("x");

    assertThatThrownBy(() -> table.column("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("column 'b' added after the first row");
  }
}
