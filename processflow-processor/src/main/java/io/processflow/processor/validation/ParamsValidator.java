package io.processflow.processor.validation;

import io.processflow.api.internal.ParamRules;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.ParamModel;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a {@code @Dag}'s params: valid names (the rule of task ids), each declared once, and a
 * typed param's default, enums and bounds (the runtime's own rules, {@link ParamRules}), each error
 * on the offending value.
 */
public final class ParamsValidator {
  /** The task id rule, worded for params. */
  private static final String RULE = TaskIds.RULE.replace("ids", "names");

  private final Reporter reporter;

  public ParamsValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  public void validate(DagModel model) {
    Set<String> seen = new HashSet<>();
    String dagClass = model.element().getQualifiedName().toString();
    for (ParamModel param : model.params()) {
      if (!TaskIds.isValid(param.name())) {
        reporter.error(param.location(), Message.PARAM_NAME_INVALID, param.name(), dagClass, RULE);
      } else if (!seen.add(param.name())) {
        reporter.error(param.location(), Message.PARAM_DUPLICATE, param.name(), dagClass);
      }
      String defaultValue = param.hasDefault() ? param.value() : null;
      for (ParamRules.Problem problem :
          ParamRules.check(
              param.name(),
              param.type(),
              defaultValue,
              param.enums(),
              param.minimum(),
              param.maximum())) {
        reporter.error(param.at(problem.field()), Message.PARAM_DECLARATION, problem.message());
      }
    }
  }
}
