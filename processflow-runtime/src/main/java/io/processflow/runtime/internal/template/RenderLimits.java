package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What bounds a render's time and memory, so that no template can hang a worker or exhaust the
 * heap. The output is bounded (Jinjava's {@code maxOutputSize}, also applied to every string a
 * render builds); on top of that:
 *
 * <ul>
 *   <li>The filters that allocate by an argument ({@code center}, {@code indent}, {@code format}
 *       widths) refuse a size above the output bound before allocating it.
 *   <li>{@code range} is Jinja2's sandboxed one: up to {@value #MAX_RANGE} numbers (Jinja2's {@code
 *       MAX_RANGE}), an error above; Jinjava's own silently stopped at 1,000.
 *   <li>Lists and dicts hold at most {@code maxCollectionSize} items.
 *   <li>A render checks its thread's interrupt and its loop budget at every loop iteration and
 *       every expression, so a task's timeout or a cancel stops a runaway template at once, and a
 *       template that loops more than {@code maxLoopIterations} times in all fails.
 * </ul>
 *
 * Each bound fails the render with a {@link RenderStopped} naming the bound and how to raise it.
 */
public final class RenderLimits {
  /** Jinja2's {@code jinja2.sandbox.MAX_RANGE}. */
  static final int MAX_RANGE = 100_000;

  private static final Pattern FORMAT_SIZES = Pattern.compile("%[-#+ 0,(<]*(\\d+)?(?:\\.(\\d+))?");

  /**
   * Python's {@code str.format} fields with a width or precision: {@code {:>20}}, {@code {0:.3f}}.
   */
  private static final Pattern PY_FORMAT_SIZES =
      Pattern.compile("\\{[^{}:]*:(?:.?[<>=^])?[-+ ]?#?0?(\\d*)[,_]?(?:\\.(\\d+))?[a-zA-Z%]?\\}");

  private final long maxOutputSize;
  private final long maxLoopIterations;

  public RenderLimits(long maxOutputSize, long maxLoopIterations) {
    this.maxOutputSize = maxOutputSize;
    this.maxLoopIterations = maxLoopIterations;
  }

  /** Registers the bounded {@code range} and filters on {@code jinjava}. */
  public void install(Jinjava jinjava) {
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition("", "range", RenderLimits.class, "range", Object[].class));
    for (String name : List.of("center", "indent", "format")) {
      jinjava.registerFilter(new Bounded(jinjava.getGlobalContext().getFilter(name), this));
    }
  }

  /**
   * Interpreters that count loop iterations and stop when their thread is interrupted; a render's
   * first one prints values with {@code output} (Jinjava does not copy a strategy set on its global
   * context into a render's context).
   */
  public InterpreterFactory interpreters(ExpressionStrategy output) {
    return new InterpreterFactory() {
      @Override
      public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
        orig.getContext().setExpressionStrategy(output);
        return new Limited(orig);
      }

      @Override
      public JinjavaInterpreter newInstance(
          Jinjava application, Context context, JinjavaConfig config) {
        context.setExpressionStrategy(output);
        return new Limited(application, context, config, RenderLimits.this);
      }
    };
  }

  /** A render stopped by one of its bounds; the message says which and how to raise it. */
  public static final class RenderStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RenderStopped(String message) {
      super(message);
    }
  }

  /** Fails when a render would build a string of {@code size} characters. */
  void checkSize(String what, long size) {
    checkSize(what, size, maxOutputSize);
  }

  private static void checkSize(String what, long size, long max) {
    if (size > max) {
      throw new RenderStopped(
          what
              + " would build "
              + size
              + " characters, over the template output limit of "
              + max
              + "; render less, or raise TemplateEngine.builder().maxOutputSize(...)");
    }
  }

  /**
   * Java's {@code String} methods that build a string of any size from a small call, which Jinja2's
   * {@code str} does not have: templates cannot call them ({@code 'x'.repeat(1000000000)}).
   */
  public static final Set<String> UNBOUNDED_STRING_METHODS =
      Set.of("repeat", "indent", "replaceAll", "replaceFirst");

  /**
   * Refuses a {@code String} method call on a template value that would build a string over the
   * output bound: {@code replace} with many matches, {@code format}/{@code formatted} widths.
   */
  static void checkStringMethod(String text, Object method, Object[] params) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    long max = interpreter == null ? 0 : interpreter.getConfig().getMaxStringLength();
    if (max <= 0 || params == null) {
      return;
    }
    String name = String.valueOf(method);
    if ((name.equals("center")
            || name.equals("ljust")
            || name.equals("rjust")
            || name.equals("zfill"))
        && params.length > 0
        && params[0] instanceof Number width) {
      checkSize(name, Math.max(text.length(), width.longValue()), max);
    } else if (name.equals("replace")
        && params.length >= 2
        && params[0] instanceof CharSequence target
        && params[1] instanceof CharSequence replacement) {
      checkSize("replace", replacedLength(text, target.toString(), replacement.length()), max);
    } else if (name.equals("format") || name.equals("formatted")) {
      checkFormat(text, max);
      for (Object param : params) {
        if (param instanceof String format) {
          checkFormat(format, max);
        }
      }
    }
  }

  /**
   * Fails when the render on this thread would build a string of {@code size} characters, over its
   * output bound ({@code +}, {@code ~}, {@code join}, Python's string methods).
   */
  static void checkString(String what, long size) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    long max = interpreter == null ? 0 : interpreter.getConfig().getMaxStringLength();
    if (max > 0) {
      checkSize(what, size, max);
    }
  }

  /**
   * Fails when the render on this thread would build a list of {@code size} items, over its bound.
   */
  static void checkItems(String what, long size) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    long max = interpreter == null ? 0 : interpreter.getConfig().getMaxListSize();
    if (max > 0 && size > max) {
      throw new RenderStopped(
          what
              + " would build a list of "
              + size
              + " items, over the template collection limit of "
              + max
              + " (an eighth of maxOutputSize); build less, or raise "
              + "TemplateEngine.builder().maxOutputSize(...)");
    }
  }

  /** One {@code for} loop iteration of the render on this thread: its interrupt and loop budget. */
  static void iteration(JinjavaInterpreter interpreter) {
    if (interpreter instanceof Limited limited) {
      limited.iteration();
    } else {
      checkInterrupt();
    }
  }

  /** Stops the render on this thread if its thread was interrupted (a long filter's steps). */
  static void checkInterrupt() {
    Limited.checkInterrupt();
  }

  private static long replacedLength(String text, String target, long replacement) {
    if (target.isEmpty()) {
      return text.length() + (text.length() + 1L) * replacement;
    }
    long count = 0;
    for (int at = text.indexOf(target); at >= 0; at = text.indexOf(target, at + target.length())) {
      count++;
    }
    return text.length() + count * (replacement - target.length());
  }

  /**
   * Refuses a {@code %} or {@code str.format} width or precision over the render's output bound.
   */
  static void checkFormatWidths(String format) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    long max = interpreter == null ? 0 : interpreter.getConfig().getMaxStringLength();
    if (max > 0) {
      checkFormat(format, max);
    }
  }

  private static void checkFormat(String format, long max) {
    for (Matcher spec = PY_FORMAT_SIZES.matcher(format); spec.find(); ) {
      long size = Math.max(size(spec.group(1)), size(spec.group(2)));
      checkSize("a format width of " + size, size, max);
    }
    Matcher spec = FORMAT_SIZES.matcher(format);
    while (spec.find()) {
      // No '%' in the message: Jinjava passes some error messages through String.format.
      checkSize(
          "a format width of " + Math.max(size(spec.group(1)), size(spec.group(2))),
          Math.max(size(spec.group(1)), size(spec.group(2))),
          max);
    }
  }

  private static long size(String digits) {
    return digits == null || digits.isEmpty()
        ? 0
        : digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  /**
   * Jinja2's sandboxed {@code range(stop)}, {@code range(start, stop[, step])}: integers only, a
   * zero step fails, and more than {@value #MAX_RANGE} numbers fail as Jinja2's sandbox does.
   */
  public static List<Object> range(Object... args) {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException("range expected 1 to 3 arguments, got " + args.length);
    }
    long start = 0;
    long step = 1;
    long stop;
    if (args.length == 1) {
      stop = integer(args[0]);
    } else {
      start = integer(args[0]);
      stop = integer(args[1]);
      if (args.length == 3) {
        step = integer(args[2]);
      }
    }
    if (step == 0) {
      throw new IllegalArgumentException("range() arg 3 must not be zero");
    }
    long count =
        step > 0
            ? (stop > start ? (stop - start + step - 1) / step : 0)
            : (start > stop ? (start - stop - step - 1) / -step : 0);
    if (count > MAX_RANGE) {
      throw new RenderStopped(
          "Range too big: range("
              + joined(args)
              + ") has "
              + count
              + " numbers. The sandbox "
              + "blocks ranges larger than MAX_RANGE ("
              + MAX_RANGE
              + "), as Airflow's Jinja2 does");
    }
    boolean small =
        start >= Integer.MIN_VALUE
            && start <= Integer.MAX_VALUE
            && stop >= Integer.MIN_VALUE
            && stop <= Integer.MAX_VALUE;
    List<Number> numbers = new ArrayList<>((int) count);
    for (long k = 0, v = start; k < count; k++, v += step) {
      numbers.add(small ? (Number) (int) v : (Number) v);
    }
    return PyView.range(start, stop, step, numbers);
  }

  private static long integer(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    String type =
        value == null ? "None" : value instanceof String ? "str" : value.getClass().getSimpleName();
    throw new IllegalArgumentException(
        "range needs integers; '" + type + "' object cannot be interpreted as an integer");
  }

  private static String joined(Object[] args) {
    StringBuilder text = new StringBuilder();
    for (Object arg : args) {
      text.append(text.length() == 0 ? "" : ", ").append(arg);
    }
    return text.toString();
  }

  /** A Jinjava filter, refusing arguments that would build a string over the output bound. */
  private static final class Bounded implements Filter {
    private final Filter filter;
    private final RenderLimits limits;

    Bounded(Filter filter, RenderLimits limits) {
      this.filter = filter;
      this.limits = limits;
    }

    @Override
    public String getName() {
      return filter.getName();
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return filter(var, interpreter, args, Map.of());
    }

    @Override
    public Object filter(
        Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      String text = var == null ? "" : var.toString();
      switch (getName()) {
        case "center" ->
            limits.checkSize("center", number(args.length > 0 ? args[0] : kwargs.get("width")));
        case "indent" -> {
          long lines = text.chars().filter(c -> c == '\n').count() + 1;
          long width = number(args.length > 0 ? args[0] : kwargs.get("width"));
          limits.checkSize("indent", text.length() + lines * Math.max(0, width));
        }
        default -> checkFormat(text, limits.maxOutputSize); // format: its widths and precisions
      }
      return filter.filter(var, interpreter, args, kwargs);
    }

    /** A size argument as a number (0 when absent or not a number: the filter reports that). */
    private static long number(Object value) {
      if (value instanceof Number n) {
        double d = n.doubleValue();
        return d >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) d;
      }
      try {
        return value == null
            ? 0
            : new BigDecimal(value.toString().trim())
                .min(BigDecimal.valueOf(Long.MAX_VALUE))
                .longValue();
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  /** An interpreter that checks its thread's interrupt and the loop budget as it renders. */
  private static final class Limited extends JinjavaInterpreter {
    private final RenderLimits limits;

    /** Loop iterations so far, shared with the interpreters this one creates (imports, macros). */
    private final long[] iterations;

    Limited(Jinjava application, Context context, JinjavaConfig config, RenderLimits limits) {
      super(application, context, config);
      this.limits = limits;
      this.iterations = new long[1];
    }

    Limited(JinjavaInterpreter orig) {
      super(orig);
      if (!(orig instanceof Limited parent)) {
        throw new IllegalStateException(
            "an interpreter not made by RenderLimits: " + orig.getClass());
      }
      this.limits = parent.limits;
      this.iterations = parent.iterations;
    }

    /** Called by {@code {% for %}} ({@link JinjaTags}) once per iteration. */
    void iteration() {
      checkInterrupt();
      if (++iterations[0] > limits.maxLoopIterations) {
        throw new RenderStopped(
            "the template looped more than "
                + limits.maxLoopIterations
                + " times; loop less, or "
                + "raise TemplateEngine.builder().maxLoopIterations(...)");
      }
    }

    @Override
    public Object resolveELExpression(String expression, int lineNumber) {
      checkInterrupt();
      return super.resolveELExpression(expression, lineNumber);
    }

    private static void checkInterrupt() {
      // The flag stays set: the task's body sees it too.
      if (Thread.currentThread().isInterrupted()) {
        throw new RenderStopped("rendering was interrupted: the task timed out or was cancelled");
      }
    }
  }
}
