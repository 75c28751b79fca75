package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file a template includes is read as the template itself is, and its mistakes name it. */
class IncludedFilesTest {
  @TempDir Path dir;

  private TemplateEngine engine() {
    return TemplateEngine.builder().searchPath(dir).build();
  }

  @Test
  void anIncludedFileLosesItsTrailingNewlineAndCarriageReturns() throws Exception {
    Files.writeString(dir.resolve("part.sql"), "select 1\r\nfrom t\r\n");
    assertThat(engine().render("t", "{% include 'part.sql' %}|", Map.of()))
        .isEqualTo("select 1\nfrom t|");
  }

  @Test
  void aStatementJinja2RefusesInAnIncludedFileNamesThatFileAndLine() throws Exception {
    Files.writeString(
        dir.resolve("bad.sql"), "ok\nok\nok\n{% if true %}{% else %}{% else %}{% endif %}");
    assertThatThrownBy(() -> engine().render("t", "a\nb\n{% include 'bad.sql' %}", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Error in `bad.sql` on line 4: 'else' is misplaced");
  }
}
