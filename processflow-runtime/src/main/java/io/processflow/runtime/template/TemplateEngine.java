package io.processflow.runtime.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.interpret.errorcategory.BasicTemplateErrorCategory;
import com.hubspot.jinjava.lib.filter.Filter;
import io.processflow.api.TaskContext;
import io.processflow.runtime.internal.template.AirflowFilters;
import io.processflow.runtime.internal.template.ErrorWords;
import io.processflow.runtime.internal.template.JinjaSemantics;
import io.processflow.runtime.internal.template.JinjavaExtras;
import io.processflow.runtime.internal.template.NoneResolver;
import io.processflow.runtime.internal.template.NullsAsNone;
import io.processflow.runtime.internal.template.PythonSyntax;
import io.processflow.runtime.internal.template.RenderLimits;
import io.processflow.runtime.internal.template.SandboxedResourceLocator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders Jinja templates with Airflow's context ({@link AirflowContext}), strictly and safely.
 *
 * <ul>
 *   <li>Strict: an undefined name, a syntax error or a failing expression throws a {@link
 *       TemplateException} naming the template, the line and the bad name; nothing renders as a
 *       silent empty string. ({@code | default('')} still works for optional names. A param or an
 *       output that is {@code null}, or a null inside one, is Python's {@code None}, see {@link
 *       PyNone}; test it with {@code is none} or {@code == None}.)
 *   <li>Safe: values are never rendered again (Jinjava's nested interpretation is off), so a param
 *       or an upstream output containing <code>{{ ... }}</code> comes through literally; Java
 *       reflection ({@code getClass}, {@code class}, {@code forName}, ...) is refused; templates
 *       load only from the search path directories and the classpath's {@code templates/}; output
 *       is bounded.
 *   <li>Jinja2's, as Airflow 3 configures it ({@link JinjaSemantics}): values print and operators
 *       work as in Python, strings, lists and dicts have Python's methods, Jinja2's filters, tests
 *       and statements behave as Jinja2's, one trailing newline is dropped; bean properties use
 *       snake_case ({@code ti.try_number}). The few deliberate differences are listed in the
 *       README.
 *   <li>Airflow's filters: {@code ds}, {@code ds_nodash}, {@code ts}, {@code ts_nodash}, {@code
 *       ts_nodash_with_tz}; and {@code shell_quote}.
 * </ul>
 *
 * <p>One engine is shared by every thread (Jinjava keeps its interpreters per thread).
 */
public final class TemplateEngine {
  /**
   * System property with directories for {@link #defaultEngine()}, separated by {@link
   * File#pathSeparator}.
   */
  public static final String SEARCH_PATH_PROPERTY = "processflow.template.searchpath";

  private static final class DefaultHolder {
    static final TemplateEngine INSTANCE = fromSystemProperty();
  }

  /**
   * How deep macros may call themselves: Jinja2 fails between 150 and 200 levels (Python's
   * recursion limit); deeper fails here too, naming the macro.
   */
  private static final int MAX_MACRO_DEPTH = 200;

  private final Jinjava jinjava;
  private final SandboxedResourceLocator locator;

  private TemplateEngine(Builder builder) {
    RenderLimits limits = new RenderLimits(builder.maxOutputSize, builder.maxLoopIterations);
    JinjavaConfig config =
        JinjavaConfig.newBuilder()
            .withFailOnUnknownTokens(true)
            .withNestedInterpretationEnabled(false)
            .withMaxOutputSize(builder.maxOutputSize)
            .withMaxStringLength(builder.maxOutputSize)
            .withRestrictedMethods(RenderLimits.UNBOUNDED_STRING_METHODS)
            .withMaxListSize(maxCollectionSize(builder.maxOutputSize))
            .withMaxMapSize(maxCollectionSize(builder.maxOutputSize))
            .withEnableRecursiveMacroCalls(true)
            .withMaxMacroRecursionDepth(MAX_MACRO_DEPTH)
            .withDisabled(JinjavaExtras.disabled())
            .withInterperterFactory(limits.interpreters(JinjaSemantics.OUTPUT))
            .withElResolver(new NoneResolver(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY))
            .withLegacyOverrides(
                LegacyOverrides.newBuilder()
                    .withIterateOverMapKeys(true)
                    .withUsePyishObjectMapper(true)
                    .withUseSnakeCasePropertyNaming(true)
                    .withUseNaturalOperatorPrecedence(true)
                    .withEvaluateMapKeys(true)
                    .withKeepNullableLoopValues(true)
                    .withUseTrimmingForNotesAndExpressions(true)
                    .withParseWhitespaceControlStrictly(true)
                    .build())
            .build();
    this.jinjava = PythonSyntax.jinjava(config);
    this.locator =
        new SandboxedResourceLocator(
            builder.searchPath, builder.classLoader, builder.classpathPrefix);
    jinjava.setResourceLocator(locator);
    JinjaSemantics.install(jinjava);
    for (Filter filter : AirflowFilters.all()) {
      jinjava.registerFilter(filter);
    }
    JinjaSemantics.checkArguments(jinjava);
    limits.install(jinjava);
  }

  /**
   * Lists and dicts may hold an eighth of the output bound in items (a printed item takes more).
   */
  private static int maxCollectionSize(long maxOutputSize) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1000, maxOutputSize / 8));
  }

  /**
   * The engine operators and {@link TaskContext#render} use unless told otherwise: the classpath's
   * {@code templates/} plus the directories in the system property {@value #SEARCH_PATH_PROPERTY},
   * read once.
   */
  public static TemplateEngine defaultEngine() {
    return DefaultHolder.INSTANCE;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static TemplateEngine fromSystemProperty() {
    Builder builder = builder();
    String dirs = System.getProperty(SEARCH_PATH_PROPERTY, "");
    for (String dir : dirs.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        builder.searchPath(Path.of(dir.trim()));
      }
    }
    return builder.build();
  }

  /** Renders {@code source} with the Airflow context of the task running in {@code context}. */
  public String render(String templateName, String source, TaskContext context) {
    return render(templateName, source, AirflowContext.of(context));
  }

  /** Renders {@code source} with {@code context} as the template's names. */
  public String render(String templateName, String source, Map<String, ?> context) {
    Objects.requireNonNull(templateName, "templateName");
    Objects.requireNonNull(source, "source");
    try {
      source = JinjaSemantics.normalizeNewlines(source);
    } catch (JinjaSemantics.SyntaxRefused e) {
      throw new TemplateException(
          templateName,
          e.line(),
          null,
          "Template '" + templateName + "' line " + e.line() + ": " + e.getMessage(),
          e);
    }
    if (!containsMarkup(source)) {
      return source;
    }
    RenderResult result;
    try {
      // A name bound to null is None, as in Jinja2; only a name that is absent is undefined.
      result = jinjava.renderForResult(source, NullsAsNone.map(context));
    } catch (RuntimeException e) {
      throw new TemplateException(
          templateName,
          -1,
          null,
          "Template '" + templateName + "' failed: " + ErrorWords.readable(e.getMessage(), e),
          e);
    } catch (StackOverflowError e) {
      // Nesting deeper than the thread's stack (Python's RecursionError) fails this template only.
      throw new TemplateException(
          templateName,
          -1,
          null,
          "Template '"
              + templateName
              + "' failed: it nests too deeply for the thread's stack (a RecursionError in"
              + " Jinja2); nest less deeply",
          e);
    }
    // A bound that stopped the render explains the errors after it (a variable it left unset).
    for (TemplateError error : result.getErrors()) {
      if (stopped(error.getException()) != null) {
        throw toException(templateName, error);
      }
    }
    for (TemplateError error : result.getErrors()) {
      if (isFailure(error)) {
        throw toException(templateName, error);
      }
    }
    return result.getOutput();
  }

  /** Loads the template file {@code path} (search path, then classpath) and renders it. */
  public String renderFile(String path, Map<String, ?> context) {
    return render(path, load(path), context);
  }

  /** The text of template file {@code path}; @throws TemplateException when it cannot be loaded */
  public String load(String path) {
    try {
      return locator.load(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TemplateException(path, -1, path, e.getMessage(), e);
    }
  }

  /**
   * Renders a templated value as Airflow renders {@code template_fields}: a string is a template
   * (or, when it ends with one of {@code templateExtensions}, the path of a template file), and
   * lists, sets and map values are rendered recursively into new collections. Other values are
   * returned as they are. {@code name} names the template in errors ({@code load.env.PATH}).
   */
  public Object renderValue(
      String name, Object value, Map<String, ?> context, Collection<String> templateExtensions) {
    if (value instanceof String text) {
      for (String extension : templateExtensions) {
        if (text.endsWith(extension)) {
          return renderFile(text, context);
        }
      }
      return render(name, text, context);
    }
    if (value instanceof List<?> list) {
      List<Object> rendered = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        rendered.add(renderValue(name + "[" + i + "]", list.get(i), context, templateExtensions));
      }
      return rendered;
    }
    if (value instanceof Set<?> set) {
      Set<Object> rendered = new LinkedHashSet<>();
      for (Object item : set) {
        rendered.add(renderValue(name, item, context, templateExtensions));
      }
      return rendered;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> rendered = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        rendered.put(
            entry.getKey(),
            renderValue(
                name + "." + entry.getKey(), entry.getValue(), context, templateExtensions));
      }
      return rendered;
    }
    return value;
  }

  private static boolean containsMarkup(String source) {
    return source.contains("{{") || source.contains("{%") || source.contains("{#");
  }

  /**
   * Fatal errors fail; so do syntax warnings (an unclosed tag), which Jinja2 treats as errors, and
   * the warnings of a macro or include that recursed too deep, which Jinjava renders as nothing.
   */
  private static boolean isFailure(TemplateError error) {
    return error.getSeverity() == TemplateError.ErrorType.FATAL
        || error.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR
        || error.getCategory() == BasicTemplateErrorCategory.CYCLE_DETECTED
        || error.getCategory() == BasicTemplateErrorCategory.IMPORT_CYCLE_DETECTED
        || error.getCategory() == BasicTemplateErrorCategory.INCLUDE_CYCLE_DETECTED
        || error.getCategory() == BasicTemplateErrorCategory.FROM_CYCLE_DETECTED;
  }

  private static TemplateException toException(String templateName, TemplateError error) {
    int line = error.getLineno() > 0 ? error.getLineno() : -1;
    String where = "Template '" + templateName + "'" + (line > 0 ? " line " + line : "");
    String name = unknownName(error);
    if (name != null) {
      return new TemplateException(
          templateName,
          line,
          name,
          where
              + ": '"
              + name
              + "' is undefined. Pass it as a param, pull it with "
              + "ti.xcom_pull(task_ids='...'), or give a default: {{ "
              + name
              + " | default('') }}",
          error.getException());
    }
    String function = unknownFunction(error.getMessage());
    if (function != null) {
      return new TemplateException(
          templateName,
          line,
          function,
          where
              + ": '"
              + function
              + "' is undefined as a function: no macro, imported name or global function (range, "
              + "dict, lipsum, cycler, joiner, namespace) is called that",
          error.getException());
    }
    RenderLimits.RenderStopped stopped = stopped(error.getException());
    if (stopped != null) {
      return new TemplateException(
          templateName, line, null, where + ": " + stopped.getMessage(), stopped);
    }
    String badName = error.getFieldName();
    String message = ErrorWords.readable(error.getMessage(), error.getException());
    if (error.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG) {
      message += "; render less, or raise TemplateEngine.builder().maxOutputSize(...)";
    }
    return new TemplateException(
        templateName,
        line,
        badName,
        where
            + ": "
            + message
            + (badName == null || message.contains(badName) ? "" : " (in '" + badName + "')"),
        error.getException());
  }

  private static RenderLimits.RenderStopped stopped(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RenderLimits.RenderStopped stopped) {
        return stopped;
      }
    }
    return null;
  }

  /** The name of a call that is no function, from Jinjava's words for it; else null. */
  private static String unknownFunction(String message) {
    String marker = "Could not resolve function '";
    int at = message == null ? -1 : message.indexOf(marker);
    int end = at < 0 ? -1 : message.indexOf('\'', at + marker.length());
    return end < 0 ? null : message.substring(at + marker.length(), end);
  }

  private static String unknownName(TemplateError error) {
    // Also inside a call: a macro's default naming an undefined name fails the macro's call.
    for (Throwable t = error.getException(); t != null; t = t.getCause()) {
      if (t instanceof UnknownTokenException unknown) {
        return unknown.getToken();
      }
    }
    String marker = "Unknown token found: ";
    String message = error.getMessage();
    int at = message == null ? -1 : message.indexOf(marker);
    return at < 0 ? null : message.substring(at + marker.length()).trim();
  }

  /** Builds a {@link TemplateEngine}. */
  public static final class Builder {
    private final List<Path> searchPath = new ArrayList<>();
    private ClassLoader classLoader = TemplateEngine.class.getClassLoader();
    // Only resources under templates/: a bare classpath would let a template read any bundled
    // resource (a manifest, application.properties, credentials).
    private String classpathPrefix = "templates/";
    private long maxOutputSize = 10L * 1024 * 1024;
    private long maxLoopIterations = 10_000_000;

    private Builder() {}

    /** Adds directories to load template files from, searched in order before the classpath. */
    public Builder searchPath(Path... directories) {
      for (Path dir : directories) {
        searchPath.add(Objects.requireNonNull(dir, "directory"));
      }
      return this;
    }

    /** The class loader to load templates from, or {@code null} for no classpath lookups. */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
      return this;
    }

    /**
     * Confines classpath lookups under {@code prefix} (default {@code "templates/"}; {@code ""} for
     * the whole classpath).
     */
    public Builder classpathPrefix(String prefix) {
      String p = Objects.requireNonNull(prefix, "prefix");
      this.classpathPrefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
      return this;
    }

    /** The largest output in bytes, 10 MiB by default. */
    public Builder maxOutputSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxOutputSize must be positive; was " + bytes);
      }
      this.maxOutputSize = bytes;
      return this;
    }

    /**
     * The most {@code for} loop iterations one render may run, in all loops (10,000,000 by
     * default).
     */
    public Builder maxLoopIterations(long iterations) {
      if (iterations < 1) {
        throw new IllegalArgumentException("maxLoopIterations must be positive; was " + iterations);
      }
      this.maxLoopIterations = iterations;
      return this;
    }

    public TemplateEngine build() {
      return new TemplateEngine(this);
    }
  }
}
