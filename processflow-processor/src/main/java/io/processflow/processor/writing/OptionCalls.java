package io.processflow.processor.writing;

import com.palantir.javapoet.CodeBlock;
import io.processflow.api.TriggerRule;
import io.processflow.processor.model.OptionsModel;
import io.processflow.processor.model.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DSL calls that set a task's options or a DAG's default args, such as {@code .retries(2)} and
 * {@code .retryDelay(Duration.ofSeconds(30))}, in the order of the annotation's attributes.
 * Durations were checked by validation; they are written with the largest exact unit, so that
 * {@code "5m"} reads {@code Duration.ofMinutes(5)}.
 */
final class OptionCalls {
  private OptionCalls() {}

  static List<CodeBlock> of(OptionsModel options) {
    List<CodeBlock> calls = new ArrayList<>();
    if (options.retries() != null) {
      calls.add(CodeBlock.of(".retries($L)", options.retries().value()));
    }
    if (options.retryDelay() != null) {
      calls.add(CodeBlock.of(".retryDelay($L)", duration(options.retryDelay())));
    }
    if (options.retryExponentialBackoff()) {
      calls.add(CodeBlock.of(".retryExponentialBackoff(true)"));
    }
    if (options.maxRetryDelay() != null) {
      calls.add(CodeBlock.of(".maxRetryDelay($L)", duration(options.maxRetryDelay())));
    }
    if (options.executionTimeout() != null) {
      calls.add(CodeBlock.of(".executionTimeout($L)", duration(options.executionTimeout())));
    }
    Setting<TriggerRule> rule = options.triggerRule();
    if (rule != null && rule.value() != TriggerRule.ALL_SUCCESS) {
      calls.add(CodeBlock.of(".triggerRule($T.$N)", TriggerRule.class, rule.value().name()));
    }
    if (options.queue() != null) {
      calls.add(CodeBlock.of(".queue($S)", options.queue().value()));
    }
    return calls;
  }

  /** {@code calls} after a receiver: on its line when there is one, else one per line. */
  static CodeBlock chain(List<CodeBlock> calls) {
    if (calls.size() <= 1) {
      return CodeBlock.join(calls, "");
    }
    CodeBlock.Builder chain = CodeBlock.builder().indent().indent();
    for (CodeBlock call : calls) {
      chain.add("\n$L", call);
    }
    return chain.unindent().unindent().build();
  }

  static CodeBlock duration(Setting<String> setting) {
    Duration duration = OptionsModel.duration(setting);
    long seconds = duration.getSeconds();
    int nanos = duration.getNano();
    if (nanos == 0) {
      if (seconds % 86_400 == 0) {
        return CodeBlock.of("$T.ofDays($L)", Duration.class, literal(seconds / 86_400));
      }
      if (seconds % 3_600 == 0) {
        return CodeBlock.of("$T.ofHours($L)", Duration.class, literal(seconds / 3_600));
      }
      if (seconds % 60 == 0) {
        return CodeBlock.of("$T.ofMinutes($L)", Duration.class, literal(seconds / 60));
      }
      return CodeBlock.of("$T.ofSeconds($L)", Duration.class, literal(seconds));
    }
    if (nanos % 1_000_000 == 0 && seconds < Long.MAX_VALUE / 1_000 - 1) {
      return CodeBlock.of(
          "$T.ofMillis($L)", Duration.class, literal(seconds * 1_000 + nanos / 1_000_000));
    }
    return CodeBlock.of("$T.ofSeconds($L, $L)", Duration.class, literal(seconds), nanos);
  }

  /** A long literal, with its {@code L} only when it does not fit an int. */
  private static String literal(long value) {
    return value > Integer.MAX_VALUE ? value + "L" : Long.toString(value);
  }
}
