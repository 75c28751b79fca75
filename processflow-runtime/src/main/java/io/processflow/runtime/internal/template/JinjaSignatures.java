package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments Jinja2's filters and tests take, checked as Python checks a call: Jinjava's filters
 * ignore an argument they do not know, and fill in one that is missing, so {@code x |
 * join(sep=',')} or {@code x | replace('a')} rendered something where Airflow fails with a {@code
 * TypeError}. The signatures are Jinja2's own, as Airflow sets it up (jinja2-signatures.txt,
 * written by the conformance suite's signatures.py and compared with it by JinjaSignaturesTest).
 */
final class JinjaSignatures {
  private JinjaSignatures() {}

  /** One filter's or test's parameters after the value it is applied to. */
  record Signature(
      String kind,
      String name,
      String value,
      List<String> positional,
      int required,
      boolean varargs,
      boolean varkw,
      List<String> positionalOnly) {

    /** Throws Python's TypeError for arguments this signature does not take. */
    void check(List<Object> args, Map<String, ?> named) {
      if (!varargs && args.size() > positional.size()) {
        throw PyException.typeError(
            kind
                + " '"
                + name
                + "' takes "
                + (positional.isEmpty() ? "no arguments" : "at most " + positional.size())
                + " after the value ("
                + args.size()
                + " given)");
      }
      for (String key : named.keySet()) {
        if (key.equals(value)
            || positional.indexOf(key) >= 0 && positional.indexOf(key) < args.size()) {
          throw PyException.typeError(
              kind + " '" + name + "' got multiple values for argument '" + key + "'");
        }
        if ((!positional.contains(key) || positionalOnly.contains(key)) && !varkw) {
          throw PyException.typeError(
              kind + " '" + name + "' got an unexpected keyword argument '" + key + "'");
        }
      }
      for (int k = args.size(); k < required; k++) {
        if (!named.containsKey(positional.get(k))) {
          throw PyException.typeError(
              kind
                  + " '"
                  + name
                  + "' is missing its required argument '"
                  + positional.get(k)
                  + "'");
        }
      }
    }
  }

  private static final Map<String, Signature> SIGNATURES = read();

  /** Wraps every filter and test that Jinja2 has in a check of its arguments. */
  static void install(Jinjava jinjava) {
    var context = jinjava.getGlobalContext();
    for (Signature signature : SIGNATURES.values()) {
      if (signature.kind().equals("filter")) {
        Filter filter = context.getFilter(signature.name());
        if (filter != null) {
          jinjava.registerFilter(new CheckedFilter(filter, signature));
        }
      } else {
        ExpTest test = context.getExpTest(signature.name());
        if (test != null) {
          context.registerExpTest(new CheckedTest(test, signature));
        }
      }
    }
  }

  private static PyArguments check(Signature signature, Object[] args, Map<String, ?> kwargs) {
    PyArguments arguments = new PyArguments(signature.name(), args);
    if (kwargs != null) {
      arguments.named.putAll(kwargs);
    }
    signature.check(arguments.positional, arguments.named);
    return arguments;
  }

  /**
   * Checked arguments as positional ones, each keyword in its parameter's place, for a filter or
   * test of Jinjava's, which reads positions only ({@code replace('a', 'b', count=2)}, {@code
   * divisibleby(num=3)}); null when there is no keyword to place, when a keyword leaves a place
   * before it empty, or when the signature takes any keyword.
   */
  private static Object[] positional(Signature signature, PyArguments arguments) {
    if (arguments.named.isEmpty() || signature.varkw()) {
      return null;
    }
    List<Object> bound = new ArrayList<>(arguments.positional);
    int last = -1;
    for (String name : arguments.named.keySet()) {
      last = Math.max(last, signature.positional().indexOf(name));
    }
    for (int k = bound.size(); k <= last; k++) {
      String name = signature.positional().get(k);
      if (!arguments.named.containsKey(name)) {
        return null;
      }
      bound.add(arguments.named.get(name));
    }
    return bound.toArray();
  }

  private record CheckedFilter(Filter filter, Signature signature) implements Filter {
    @Override
    public String getName() {
      return filter.getName();
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      check(signature, args, Map.of());
      return filter.filter(var, interpreter, args);
    }

    @Override
    public Object filter(
        Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      PyArguments checked = check(signature, args, kwargs);
      if (filter instanceof JinjaFilters.PyFilter python) { // reads keywords by name itself
        return python.filter(var, interpreter, checked);
      }
      Object[] bound = positional(signature, checked);
      return bound == null
          ? filter.filter(var, interpreter, args, kwargs)
          : filter.filter(var, interpreter, bound, Map.of());
    }

    @Override
    public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
      check(signature, args, Map.of());
      return filter.filter(var, interpreter, args);
    }

    @Override
    public boolean preserveSafeString() {
      return filter.preserveSafeString();
    }
  }

  private record CheckedTest(ExpTest test, Signature signature) implements ExpTest {
    @Override
    public String getName() {
      return test.getName();
    }

    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
      Object[] bound = positional(signature, check(signature, args, Map.of()));
      return test.evaluate(var, interpreter, bound == null ? args : bound);
    }

    @Override
    public boolean evaluateNegated(Object var, JinjavaInterpreter interpreter, Object... args) {
      Object[] bound = positional(signature, check(signature, args, Map.of()));
      return test.evaluateNegated(var, interpreter, bound == null ? args : bound);
    }
  }

  private static Map<String, Signature> read() {
    Map<String, Signature> signatures = new LinkedHashMap<>();
    try (InputStream in = JinjaSignatures.class.getResourceAsStream("jinja2-signatures.txt");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] words = line.strip().split(" ");
        List<String> positional = new ArrayList<>();
        List<String> positionalOnly = new ArrayList<>();
        int required = 0;
        boolean varargs = false;
        boolean varkw = false;
        for (int w = 3; w < words.length; w++) {
          String word = words[w];
          if (word.startsWith("**")) {
            varkw = true;
          } else if (word.startsWith("*")) {
            varargs = true;
          } else if (!word.startsWith(":")) {
            boolean only = word.endsWith("/");
            String name = word.replace("/", "");
            boolean optional = name.endsWith("=");
            name = name.replace("=", "");
            positional.add(name);
            if (only) {
              positionalOnly.add(name);
            }
            if (!optional) {
              required = positional.size();
            }
          }
        }
        signatures.put(
            words[0] + " " + words[1],
            new Signature(
                words[0],
                words[1],
                words[2],
                List.copyOf(positional),
                required,
                varargs,
                varkw,
                List.copyOf(positionalOnly)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return signatures;
  }
}
