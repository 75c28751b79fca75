package io.processflow.runtime.execution;

/**
 * The process lost its run to another one: the run's lock went with a broken connection (a database
 * restart) and another process took it, or another writer recorded the run's next transition first.
 * This process stops deciding the run, recording nothing more, so that no transition is recorded
 * twice; the other process carries the run on.
 */
public final class RunTakenOverException extends IllegalStateException {
  private final String dagId;
  private final String runId;

  /**
   * @param how what showed that another process has the run
   */
  public RunTakenOverException(String dagId, String runId, String how) {
    super(
        "run '"
            + runId
            + "' of DAG '"
            + dagId
            + "' was taken over by another process ("
            + how
            + "): this process stops deciding it, and the other carries it on");
    this.dagId = dagId;
    this.runId = runId;
  }

  public String dagId() {
    return dagId;
  }

  public String runId() {
    return runId;
  }

  /** The {@link RunTakenOverException} among {@code error} and its causes, or null. */
  public static RunTakenOverException in(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RunTakenOverException taken) {
        return taken;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
