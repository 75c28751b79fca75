package io.processflow.runtime.template.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The table of Jinja2's filter and test signatures that ProcessFlow checks arguments against
 * (jinja2-signatures.txt) is the one real Jinja2 has, as Airflow sets it up: signatures.py prints
 * it from the installed Jinja2.
 */
class JinjaSignaturesTest {
  @Test
  void theTableIsJinja2sOwn() throws Exception {
    JinjaReference.requireJinja2(JinjaReference.PYTHON);
    Path script =
        Path.of(JinjaSignaturesTest.class.getResource("/jinja-conformance/signatures.py").toURI());
    Process process =
        new ProcessBuilder(JinjaReference.PYTHON, script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isZero();
    String table;
    try (InputStream in =
        JinjaSignaturesTest.class.getResourceAsStream(
            "/io/processflow/runtime/internal/template/jinja2-signatures.txt")) {
      table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(table.lines().toList())
        .as("jinja2-signatures.txt; regenerate it with /usr/bin/python3 signatures.py")
        .containsExactlyElementsOf(printed.lines().toList())
        .contains("filter join value d= attribute=", "filter replace s old new count=");
    assertThat(List.of(table.split("\n"))).hasSizeGreaterThan(90);
  }
}
