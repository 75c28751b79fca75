package io.processflow.runtime.operators;

import io.processflow.api.Operator;
import io.processflow.api.TaskContext;
import io.processflow.runtime.template.AirflowContext;
import io.processflow.runtime.template.TemplateEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An operator with templated fields (Airflow's {@code template_fields} and {@code template_ext}).
 * Just before each try runs, every value of {@link #templateFields()} is rendered with Airflow's
 * context (strings, and strings nested in lists and maps; a string ending with one of {@link
 * #templateExtensions()} names a template file), then {@link #execute(TaskContext, RenderedFields)}
 * runs with the results. Rendering happens inside the task, so a template error fails that task
 * only, with the template's name ({@code <task id>.<field>} or the file), line and bad name in its
 * error.
 */
public abstract class BaseOperator implements Operator {
  private TemplateEngine templateEngine;

  /**
   * The templated fields by name (Airflow's names, e.g. {@code bash_command}) with their raw
   * values; {@code null} values are allowed. The default has none.
   */
  protected Map<String, ?> templateFields() {
    return Map.of();
  }

  /** File endings that make a templated string the path of a template file, e.g. {@code .sql}. */
  protected Set<String> templateExtensions() {
    return Set.of();
  }

  /** Runs the task once with the rendered fields. */
  protected abstract Object execute(TaskContext context, RenderedFields fields) throws Exception;

  /** Renders the templated fields, then runs {@link #execute(TaskContext, RenderedFields)}. */
  @Override
  public final Object execute(TaskContext context) throws Exception {
    return execute(context, render(context));
  }

  /** The rendered templated fields for {@code context}'s task. */
  protected final RenderedFields render(TaskContext context) {
    Map<String, ?> fields = templateFields();
    if (fields.isEmpty()) {
      return new RenderedFields(Map.of());
    }
    TemplateEngine engine = templateEngine();
    Map<String, Object> names = AirflowContext.of(context, getClass().getSimpleName());
    Set<String> extensions = templateExtensions();
    Map<String, Object> rendered = new LinkedHashMap<>();
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      String name = context.taskId() + "." + field.getKey();
      rendered.put(field.getKey(), engine.renderValue(name, field.getValue(), names, extensions));
    }
    return new RenderedFields(rendered);
  }

  /**
   * Renders with {@code engine} (its search path) instead of {@link
   * TemplateEngine#defaultEngine()}.
   */
  public BaseOperator templateEngine(TemplateEngine engine) {
    this.templateEngine = Objects.requireNonNull(engine, "engine");
    return this;
  }

  /** The engine this operator renders with. */
  protected final TemplateEngine templateEngine() {
    TemplateEngine engine = templateEngine;
    return engine != null ? engine : TemplateEngine.defaultEngine();
  }
}
