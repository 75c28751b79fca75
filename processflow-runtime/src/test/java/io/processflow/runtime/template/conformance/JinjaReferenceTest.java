package io.processflow.runtime.template.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without real Jinja2 the conformance suite fails saying how to install it; it never skips. */
class JinjaReferenceTest {
  @Test
  void aPythonWithoutJinja2FailsWithTheInstallCommand() {
    // /bin/false stands for an interpreter whose "import jinja2" fails.
    assertThatThrownBy(() -> JinjaReference.requireJinja2("/bin/false"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot import jinja2")
        .hasMessageContaining("apt-get install -y python3-jinja2");
    assertThatThrownBy(() -> JinjaReference.requireJinja2("/no/such/python3"))
        .hasMessageContaining("/no/such/python3 is missing")
        .hasMessageContaining("python3-jinja2");
  }

  @Test
  void debiansPythonHasJinja2() {
    assertThatCode(() -> JinjaReference.requireJinja2(JinjaReference.PYTHON))
        .doesNotThrowAnyException();
  }
}
