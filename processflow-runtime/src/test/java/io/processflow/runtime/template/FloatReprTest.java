package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A float prints as Python's repr prints it, the shortest decimal that reads back as it: checked
 * against real Jinja2 on random doubles of every magnitude, where JDK 17's {@code Double.toString}
 * alone gives a digit too many for about one in twenty between 1e16 and 1e19.
 */
class FloatReprTest {
  private final TemplateEngine engine = TemplateEngine.defaultEngine();

  @Test
  void randomDoublesPrintAsPythonsRepr() throws Exception {
    Random random = new Random(20261130);
    List<Double> values = new ArrayList<>();
    values.addAll(
        List.of(
            1234567890123456789.0,
            Math.pow(2, 60),
            Double.MIN_VALUE,
            2e23,
            0.1 + 0.2,
            1.0 / 3,
            9007199254740993.0,
            1e16,
            Double.MAX_VALUE,
            Double.MIN_NORMAL,
            -0.0,
            1e-5,
            1e-4,
            123456789012345.6));
    for (int i = 0; i < 600; i++) {
      values.add(1e16 + random.nextDouble() * 9.99e18); // where JDK 17 misprints most
      values.add(Double.longBitsToDouble(random.nextLong())); // any bit pattern
      values.add(random.nextDouble() * Math.pow(10, random.nextInt(61) - 30));
    }
    values.removeIf(v -> v.isNaN() || v.isInfinite());
    List<String> templates = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      templates.add("{{ v[" + i + "] }}");
    }
    Map<String, Object> context = Map.of("v", values);
    List<Jinja2.Result> python = Jinja2.render(templates, context);
    int differ = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String ours = engine.render("t", templates.get(i), context);
      if (!ours.equals(python.get(i).output())) {
        differ++;
        if (examples.size() < 5) {
          examples.add(values.get(i) + ": ProcessFlow " + ours + ", Python " + python.get(i));
        }
      }
    }
    assertThat(differ).as("floats printed otherwise than Python: %s", examples).isZero();
    assertThat(values).hasSizeGreaterThan(1800);
  }
}
