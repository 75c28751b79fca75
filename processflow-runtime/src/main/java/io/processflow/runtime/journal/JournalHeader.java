package io.processflow.runtime.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.schedule.DataInterval;
import io.processflow.runtime.schedule.RunType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The first line of a journal, and of each resume appended to it: what a replay needs besides the
 * actions. Not an action: it never reaches the store.
 *
 * @param format the journal format, {@link #FORMAT}
 * @param dagId the DAG
 * @param runId the run
 * @param logicalDate the run's logical date
 * @param params the run's params
 * @param tasks the DAG's task ids when this segment was written, in declaration order
 * @param resumed true when this segment resumes the run recorded before it
 * @param timestamp when the segment was opened
 * @param runType Airflow's run type, {@code manual}, {@code scheduled} or {@code backfill} (null in
 *     journals written before run types were recorded: read it from the run id then)
 * @param dataIntervalStart the start of the run's data interval (null in older journals)
 * @param dataIntervalEnd the end of the run's data interval (null in older journals)
 * @param noTaskLogs true when this segment keeps no log of its tries ({@link
 *     RunStore.TaskLogs#OFF}, the CLI's {@code --no-task-logs}); written only then, so false in
 *     other and older journals
 */
public record JournalHeader(
    int format,
    String dagId,
    String runId,
    Instant logicalDate,
    Map<String, Object> params,
    List<String> tasks,
    boolean resumed,
    Instant timestamp,
    String runType,
    Instant dataIntervalStart,
    Instant dataIntervalEnd,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean noTaskLogs) {

  /** The line's {@code type}. */
  public static final String TYPE = "journal_header";

  /**
   * The journal format this runtime writes and reads: 2 since outputs are written as their task's
   * declared type, {@code "outputType"} before {@code "output"}.
   */
  public static final int FORMAT = 2;

  /**
   * The header of a segment of run {@code runId} of {@code dag}, opened now: its run type read from
   * the run id, its data interval from the DAG's timetable. The one way both run stores (files, a
   * database) make their headers.
   */
  public static JournalHeader of(
      DagDefinition dag,
      String runId,
      Instant logicalDate,
      Map<String, Object> params,
      boolean resumed,
      RunStore.TaskLogs taskLogs) {
    RunType type = RunType.ofRunId(runId);
    DataInterval interval = dag.timetable().dataInterval(type, logicalDate);
    return new JournalHeader(
        FORMAT,
        dag.dagId(),
        runId,
        logicalDate,
        params,
        dag.taskIds(),
        resumed,
        Instant.now(),
        type.value(),
        interval.start(),
        interval.end(),
        taskLogs == RunStore.TaskLogs.OFF);
  }
}
