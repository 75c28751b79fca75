package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.ParamSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A DAG on the classpath that cannot be used: its provider's {@code definition()} failed (a DSL DAG
 * that does not validate, a class that does not load), or built a DAG of another id. The launcher
 * checks each provider once and puts this in its place (Airflow's import error): {@code list} shows
 * it, a command given its id is refused with its reason (status 2), and the scheduler, the UI and
 * workers leave it out, so that one broken DAG does not stop the others.
 */
final class BrokenDagProvider implements DagProvider {
  private final String dagId;
  private final String reason;

  private BrokenDagProvider(String dagId, String reason) {
    this.dagId = dagId;
    this.reason = reason;
  }

  /**
   * {@code providers} with each one that cannot be used replaced by a {@code BrokenDagProvider}:
   * builds every DAG once (the DAG built is not kept: a provider may give each run its own).
   */
  static List<DagProvider> check(List<DagProvider> providers) {
    List<DagProvider> checked = new ArrayList<>(providers.size());
    Map<String, List<DagProvider>> byId = new HashMap<>();
    for (DagProvider provider : providers) {
      DagProvider one = check(provider);
      checked.add(one);
      byId.computeIfAbsent(one.dagId(), id -> new ArrayList<>()).add(provider);
    }
    // A DAG id names one DAG: two providers of one id are both unusable (no command, scheduler,
    // UI or worker picks one of them in silence).
    for (int i = 0; i < checked.size(); i++) {
      List<DagProvider> same = byId.get(checked.get(i).dagId());
      if (same.size() > 1) {
        List<String> where = new ArrayList<>();
        same.forEach(provider -> where.add(KnownDags.where(provider)));
        checked.set(
            i,
            new BrokenDagProvider(
                checked.get(i).dagId(),
                "it is declared "
                    + same.size()
                    + " times on the classpath: by "
                    + String.join(" and by ", where)
                    + "; a DAG id must be unique: rename all but one of them"));
      }
    }
    return checked;
  }

  private static DagProvider check(DagProvider provider) {
    String dagId;
    try {
      dagId = provider.dagId();
    } catch (RuntimeException | LinkageError e) {
      return new BrokenDagProvider(
          provider.getClass().getName(),
          "its provider "
              + provider.getClass().getName()
              + " fails to say its DAG id: "
              + describe(e));
    }
    try {
      DagDefinition dag = provider.definition();
      if (dag == null) {
        return new BrokenDagProvider(
            dagId, "its provider " + provider.getClass().getName() + " returned no DAG (null)");
      }
      if (!dag.dagId().equals(dagId)) {
        return new BrokenDagProvider(
            dagId,
            "its provider "
                + provider.getClass().getName()
                + " says DAG id '"
                + dagId
                + "' but builds DAG '"
                + dag.dagId()
                + "'; make dagId() return the id the DAG is built with");
      }
      return provider;
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      return new BrokenDagProvider(
          dagId, "it cannot be built (" + provider.getClass().getName() + "): " + describe(e));
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getName()
        : e instanceof RuntimeException && e.getClass().getName().startsWith("io.processflow.")
            ? message
            : e.getClass().getName() + ": " + message;
  }

  /** Why this DAG cannot be used, as one message: {@code DAG 'x' ...}. */
  String message() {
    // Line by line: a validation error lists its problems one per line.
    return "DAG '"
        + TerminalText.escape(dagId)
        + "' is unusable: "
        + reason.lines().map(TerminalText::escape).collect(Collectors.joining("\n"));
  }

  /** Its line in {@code list}: the reason's first line. */
  String summary() {
    String first = reason.lines().findFirst().orElse("");
    return TerminalText.escape("UNUSABLE: " + first);
  }

  @Override
  public String dagId() {
    return dagId;
  }

  @Override
  public String description() {
    return summary();
  }

  @Override
  public DagDefinition definition() {
    throw new IllegalStateException(message());
  }

  @Override
  public List<ParamSpec> paramSpecs() {
    return List.of();
  }

  @Override
  public String schedule() {
    return "-";
  }

  @Override
  public List<String> queues() {
    return List.of();
  }

  /** The usable ones of {@code providers}. */
  static List<DagProvider> usable(List<DagProvider> providers) {
    List<DagProvider> usable = new ArrayList<>(providers.size());
    for (DagProvider provider : providers) {
      if (!(provider instanceof BrokenDagProvider)) {
        usable.add(provider);
      }
    }
    return usable;
  }
}
