package io.processflow.processor.testing;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.processflow.processor.DagProcessor;
import javax.tools.JavaFileObject;

/**
 * Test sources in package {@code test}, with the imports every DAG needs, and their compilation.
 */
public final class Sources {
  /** The project's own lint flags (see the parent pom). */
  public static final String LINT = "-Xlint:all,-processing,-serial";

  private static final String IMPORTS =
      "import io.processflow.api.*;\n"
          + "import io.processflow.api.store.*;\n"
          + "import java.util.*;\n"
          + "import java.util.concurrent.*;\n\n";

  private Sources() {}

  /** A source file for class {@code test.<simpleName>}, whose body follows the imports. */
  public static JavaFileObject source(String simpleName, String body) {
    return JavaFileObjects.forSourceString(
        "test." + simpleName, "package test;\n\n" + IMPORTS + body);
  }

  public static Compilation compile(JavaFileObject... sources) {
    return javac().withOptions(LINT).withProcessors(new DagProcessor()).compile(sources);
  }
}
