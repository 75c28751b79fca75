package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads templates (files and {@code {% include %}}s) from the configured search path directories,
 * then from the classpath, and from nowhere else: an absolute path, a backslash or a {@code ..}
 * segment is refused before any lookup, and a symbolic link leading out of a directory is refused
 * too. Jinjava's own {@code FileLocator} accepts absolute paths, hence this class.
 */
public final class SandboxedResourceLocator implements ResourceLocator {
  private final List<Path> searchPath;
  private final ClassLoader classLoader;
  private final String classpathPrefix;

  public SandboxedResourceLocator(
      List<Path> searchPath, ClassLoader classLoader, String classpathPrefix) {
    List<Path> dirs = new ArrayList<>();
    for (Path dir : searchPath) {
      dirs.add(dir.toAbsolutePath().normalize());
    }
    this.searchPath = List.copyOf(dirs);
    this.classLoader = classLoader;
    this.classpathPrefix = classpathPrefix;
  }

  @Override
  public String getString(String name, Charset encoding, JinjavaInterpreter interpreter)
      throws IOException {
    // As the main template: newlines normalised, one trailing newline dropped, Jinja2's lexer
    try {
      return JinjaSemantics.normalizeNewlines(load(name, encoding));
    } catch (JinjaSemantics.SyntaxRefused refused) { // named by its file, not by the includer
      throw new JinjaSemantics.SyntaxRefused(
          refused.line(),
          "Error in `" + name + "` on line " + refused.line() + ": " + refused.getMessage());
    }
  }

  public String load(String name, Charset encoding) throws IOException {
    checkRelative(name);
    for (Path dir : searchPath) {
      Path file = dir.resolve(name).normalize();
      if (file.startsWith(dir) && Files.isRegularFile(file)) {
        if (!file.toRealPath().startsWith(dir.toRealPath())) {
          throw new ResourceNotFoundException(
              "Template '" + name + "' links outside the template search path " + dir);
        }
        return Files.readString(file, encoding);
      }
    }
    if (classLoader != null) {
      try (InputStream in = classLoader.getResourceAsStream(classpathPrefix + name)) {
        if (in != null) {
          return new String(in.readAllBytes(), encoding);
        }
      }
    }
    throw new ResourceNotFoundException(
        "Couldn't find template '"
            + name
            + "' in the template search path "
            + searchPath
            + (classLoader == null ? "" : " or on the classpath under '" + classpathPrefix + "'")
            + "; add its directory with TemplateEngine.builder().searchPath(...)");
  }

  private static void checkRelative(String name) throws ResourceNotFoundException {
    boolean escapes =
        name == null
            || name.isBlank()
            || name.startsWith("/")
            || name.contains("\\")
            || name.contains("\0")
            || (name.length() > 1 && name.charAt(1) == ':')
            || Path.of(name).isAbsolute();
    if (!escapes) {
      for (String segment : name.split("/")) {
        if (segment.equals("..")) {
          escapes = true;
          break;
        }
      }
    }
    if (escapes) {
      throw new ResourceNotFoundException(
          "Template path '"
              + name
              + "' is refused: template paths are relative to the template "
              + "search path and may not be absolute or contain '..'");
    }
  }
}
