package io.processflow.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the runtime's version as Maven packaged it, read from the {@code
 * pom.properties} that every Maven jar holds (a shaded jar keeps it too).
 */
final class ProcessFlowVersion implements IVersionProvider {
  static final String POM_PROPERTIES =
      "/META-INF/maven/io.processflow/processflow-runtime/pom.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"ProcessFlow " + version()};
  }

  static String version() {
    try (InputStream in = ProcessFlowVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "(version unknown: not run from a packaged jar)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(
          "version", "(version unknown: no version in " + POM_PROPERTIES + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
