package io.processflow.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI on the JDK's own HTTP server ({@code com.sun.net.httpserver}): a handful of pages
 * drawn on the server from the runs of a {@link RunStore} (journals or a database), one small
 * script that follows a running run by polling, and two form posts. See the README's "Web UI" for
 * why this server.
 */
public final class UiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UiServer.class);
  private static final int MAX_FORM = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService pool;
  private final UiRuns runs;
  private final Guard guard;
  private final Actions actions;

  /** Runs read, by DAG and run id, with the version they were read at. */
  private final Map<String, Cached> models = new ConcurrentHashMap<>();

  private UiServer(HttpServer server, ExecutorService pool, UiRuns runs, Guard guard) {
    this.server = server;
    this.pool = pool;
    this.runs = runs;
    this.guard = guard;
    this.actions = new Actions(runs);
  }

  /**
   * Starts the UI on {@code host}:{@code port} (0 for any free port) over {@code runsDir}. A
   * loopback host needs no token; any other gets a random one, see {@link #url()}.
   */
  public static UiServer start(String host, int port, Path runsDir, List<DagProvider> dags)
      throws IOException {
    return start(host, port, Journals.in(runsDir), dags);
  }

  /**
   * Starts the UI over the runs of {@code store} (which the caller closes after the UI). Runs
   * triggered or cleared here are decided by this process, their task bodies run where the store
   * runs them ({@link RunStore#launcher}: this process's threads, or a database's workers).
   */
  public static UiServer start(String host, int port, RunStore store, List<DagProvider> dags)
      throws IOException {
    InetAddress address = InetAddress.getByName(host);
    String token = address.isLoopbackAddress() ? null : Guard.random();
    HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 64);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "processflow-ui-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(pool);
    UiServer ui = new UiServer(http, pool, new UiRuns(store, dags), new Guard(token));
    http.createContext("/", ui::handle);
    http.start();
    return ui;
  }

  /** The UI's address, with its token when it has one: the address to open. */
  public String url() {
    InetSocketAddress bound = server.getAddress();
    // A loopback address by number, as the Guard accepts it (a name could resolve elsewhere):
    // 127.0.0.1 for IPv4, ::1 for IPv6 (a server on ::1 does not answer on 127.0.0.1).
    String host =
        !bound.getAddress().isLoopbackAddress()
            ? bound.getHostString()
            : bound.getAddress() instanceof Inet6Address ? "::1" : "127.0.0.1";
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://"
        + host
        + ":"
        + bound.getPort()
        + "/"
        + (guard.token() == null ? "" : "?token=" + guard.token());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    actions.close();
    pool.shutdownNow();
  }

  /**
   * Answers one request. The error pages are sent inside the exchange's try block: a catch clause
   * of a try-with-resources runs after the resource is closed, where a response no longer reaches
   * the client (it saw its connection dropped instead of a 400 or 500).
   */
  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        answer(exchange);
      } catch (IllegalArgumentException e) {
        send(exchange, 400, "text/html", error("Bad request", e.getMessage()));
      } catch (RuntimeException e) {
        log.warn("the UI could not answer {}", exchange.getRequestURI(), e);
        send(exchange, 500, "text/html", error("Error", String.valueOf(e.getMessage())));
      }
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String refused = guard.refuse(exchange);
    if (refused != null) {
      send(exchange, 403, "text/html", error("Forbidden", refused));
      return;
    }
    if (guard.tokenInQuery(exchange)) {
      exchange
          .getResponseHeaders()
          .add(
              "Set-Cookie",
              Guard.COOKIE + "=" + guard.token() + "; Path=/; HttpOnly; SameSite=Strict");
      exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawPath());
      send(exchange, 303, "text/plain", "");
      return;
    }
    route(exchange, segments(exchange.getRequestURI().getRawPath()));
  }

  private void route(HttpExchange exchange, List<String> path) throws IOException {
    String method = exchange.getRequestMethod();
    boolean get = method.equals("GET") || method.equals("HEAD");
    boolean post = method.equals("POST");
    int n = path.size();
    if (n == 2 && path.get(0).equals("static") && get) {
      switch (path.get(1)) {
        case "ui.css" -> send(exchange, 200, "text/css", Page.CSS);
        case "ui.js" -> send(exchange, 200, "text/javascript", Page.JS);
        default -> notFound(exchange, "no such file");
      }
      return;
    }
    if (n == 0 && get) {
      send(exchange, 200, "text/html", HomePage.render(runs));
      return;
    }
    if (n < 2 || !path.get(0).equals("dags")) {
      notFound(exchange, "no such page");
      return;
    }
    String dagId = path.get(1);
    if (!runs.hasDag(dagId)) {
      notFound(exchange, "no DAG '" + dagId + "' on the classpath or among the recorded runs");
      return;
    }
    if (n == 2 && get) {
      send(exchange, 200, "text/html", dagPage(dagId, null, null, page(exchange)));
    } else if (n == 3 && path.get(2).equals("trigger") && post) {
      trigger(exchange, dagId);
    } else if (n >= 4 && path.get(2).equals("runs")) {
      String runId = path.get(3);
      if (!runs.hasRun(dagId, runId)) {
        notFound(exchange, "no run '" + runId + "' of DAG '" + dagId + "'");
        return;
      }
      if (n == 4 && get) {
        send(
            exchange,
            200,
            "text/html",
            served(dagId, runId, runs.provider(dagId) != null, null, page(exchange)));
      } else if (n == 5 && path.get(4).equals("live") && get) {
        live(exchange, dagId, runId);
      } else if (n == 5 && path.get(4).equals("clear") && post) {
        clear(exchange, dagId, runId);
      } else if ((n == 9 || n == 10 && path.get(9).equals("live"))
          && path.get(4).equals("tasks")
          && path.get(6).equals("tries")
          && path.get(8).equals("log")
          && get) {
        tryLog(exchange, dagId, runId, path, n == 10);
      } else {
        wrongMethodOrPage(exchange, get || post);
      }
    } else {
      wrongMethodOrPage(exchange, get || post);
    }
  }

  private String dagPage(String dagId, Map<String, String> given, String problem, int page) {
    List<RunSummary> list = runs.runs(dagId);
    List<RunModel> grid = new ArrayList<>();
    for (RunSummary run : list.subList(0, Math.min(DagPage.GRID_RUNS, list.size()))) {
      RunModel model = modelOrNull(dagId, run.runId());
      if (model != null) {
        grid.add(model);
      }
    }
    return DagPage.render(
        dagId, runs.provider(dagId), list, grid, guard.csrf(), given, problem, page);
  }

  private void live(HttpExchange exchange, String dagId, String runId) throws IOException {
    String since = query(exchange, "v");
    if (version(dagId, runId).equals(since)) {
      send(exchange, 204, "text/plain", "");
      return;
    }
    Cached read = read(dagId, runId);
    exchange.getResponseHeaders().set("X-Version", read.version());
    send(
        exchange,
        200,
        "text/html",
        RunPage.live(read.model(), runs.provider(dagId) != null, page(exchange)));
  }

  /**
   * The run page, with the run's version as it was before the run shown was read: a page never
   * claims a version newer than what it shows, so the live poll sees every later change (a page
   * that took its version after reading would stay on a stale view of a run that ended in between).
   */
  private String served(String dagId, String runId, boolean canClear, String notice, int page) {
    Cached read = read(dagId, runId);
    return RunPage.served(read.model(), read.version(), guard.csrf(), canClear, notice, page);
  }

  /** A try's log page, or ({@code live}) its live part if it changed since the poll's version. */
  private void tryLog(
      HttpExchange exchange, String dagId, String runId, List<String> path, boolean live)
      throws IOException {
    String taskId = path.get(5);
    String tryText = path.get(7);
    // The run's version is taken before the run and the log are read (see served).
    Cached read = read(dagId, runId);
    RunModel run = read.model();
    LogPage.Target target = LogPage.Target.find(run, taskId, tryText);
    if (target == null) {
      notFound(
          exchange,
          "run '" + run.runId() + "' has no try '" + tryText + "' of task '" + taskId + "'");
      return;
    }
    String text = runs.tryLog(dagId, run.runId(), taskId, target.tryNumber());
    String version = LogPage.version(read.version(), text);
    if (!live) {
      send(exchange, 200, "text/html", LogPage.render(run, target, text, version));
    } else if (version.equals(query(exchange, "v"))) {
      send(exchange, 204, "text/plain", "");
    } else {
      exchange.getResponseHeaders().set("X-Version", version);
      send(exchange, 200, "text/html", LogPage.live(run, target, text));
    }
  }

  private void trigger(HttpExchange exchange, String dagId) throws IOException {
    Map<String, String> form = form(exchange);
    String refused = guard.refusePost(exchange, form);
    if (refused != null) {
      send(exchange, 403, "text/html", error("Forbidden", refused));
      return;
    }
    DagProvider provider = runs.provider(dagId);
    if (provider == null) {
      send(
          exchange,
          409,
          "text/html",
          error("Cannot trigger", "DAG '" + dagId + "' is not on the classpath"));
      return;
    }
    try {
      String runId = actions.trigger(provider, form);
      redirect(exchange, Html.path("dags", dagId, "runs", runId));
    } catch (Actions.Rejected e) {
      send(exchange, 400, "text/html", dagPage(dagId, form, e.getMessage(), 0));
    }
  }

  private void clear(HttpExchange exchange, String dagId, String runId) throws IOException {
    Map<String, String> form = form(exchange);
    String refused = guard.refusePost(exchange, form);
    if (refused != null) {
      send(exchange, 403, "text/html", error("Forbidden", refused));
      return;
    }
    DagProvider provider = runs.provider(dagId);
    String taskId = form.getOrDefault("task_id", "");
    if (provider == null) {
      send(
          exchange,
          409,
          "text/html",
          error("Cannot clear", "DAG '" + dagId + "' is not on the classpath"));
      return;
    }
    try {
      actions.clear(provider, runId, taskId);
      redirect(exchange, Html.path("dags", dagId, "runs", runId));
    } catch (Actions.Rejected e) {
      send(
          exchange,
          409,
          "text/html",
          served(dagId, runId, true, "Cannot clear '" + taskId + "': " + e.getMessage(), 0));
    }
  }

  /** The run, read again only when its log has changed. */
  RunModel model(String dagId, String runId) {
    return read(dagId, runId).model();
  }

  /**
   * The run with its version taken before the read (so the run may be newer than its version, never
   * older); read again only when the version has changed.
   */
  private Cached read(String dagId, String runId) {
    String version = version(dagId, runId);
    String key = dagId + '\0' + runId;
    Cached cached = models.get(key);
    if (cached != null && cached.version.equals(version)) {
      return cached;
    }
    byte[] documents = runs.store().views().documents(dagId, runId);
    if (documents == null) {
      throw new IllegalStateException("run '" + runId + "' of DAG '" + dagId + "' is gone");
    }
    DagProvider provider = runs.provider(dagId);
    Cached read =
        new Cached(
            version,
            RunReading.read(
                documents, "run '" + runId + "'", provider == null ? null : provider.definition()));
    if (models.size() > 64) {
      models.clear();
    }
    models.put(key, read);
    return read;
  }

  private RunModel modelOrNull(String dagId, String runId) {
    try {
      return model(dagId, runId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private record Cached(String version, RunModel model) {}

  /** What changes whenever the run's log grows (see {@link RunStore#version}). */
  private String version(String dagId, String runId) {
    String version = runs.store().views().version(dagId, runId);
    return version == null ? "gone" : version;
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(name + "=")) {
          return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  /** The {@code page} query parameter, 0 when absent or not a number. */
  private static int page(HttpExchange exchange) {
    try {
      return Math.max(0, Integer.parseInt(String.valueOf(query(exchange, "page"))));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Map<String, String> form(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_FORM + 1);
    }
    if (body.length > MAX_FORM) {
      throw new IllegalArgumentException("the form is larger than " + MAX_FORM + " bytes");
    }
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        form.putIfAbsent(key, value);
      }
    }
    return form;
  }

  private void wrongMethodOrPage(HttpExchange exchange, boolean knownMethod) throws IOException {
    if (knownMethod) {
      send(
          exchange,
          405,
          "text/html",
          error(
              "Not allowed",
              "no such page for "
                  + exchange.getRequestMethod()
                  + "; changes are POSTs from the UI's forms"));
    } else {
      send(exchange, 405, "text/html", error("Not allowed", "method not allowed"));
    }
  }

  private static void notFound(HttpExchange exchange, String why) throws IOException {
    send(exchange, 404, "text/html", error("Not found", why));
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    send(exchange, 303, "text/plain", "");
  }

  private static String error(String title, String message) {
    return Page.start(title, false, null, title, null)
        .raw(
            "<h1>"
                + Html.text(title)
                + "</h1><p class=\"error\" id=\"error\">"
                + Html.text(message)
                + "</p>")
        .end(false);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type + "; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on form posts
    headers.set("Referrer-Policy", "same-origin");
    headers.set("X-Frame-Options", "DENY");
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 303;
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
