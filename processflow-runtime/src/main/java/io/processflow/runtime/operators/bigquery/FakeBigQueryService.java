package io.processflow.runtime.operators.bigquery;

import io.processflow.runtime.time.TaskTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-process stand-in for BigQuery's job API ({@code jobs.insert}, {@code jobs.get}, {@code
 * jobs.cancel}), with scriptable behaviour so tests cover slow, failing and cancelled jobs.
 *
 * <p>A job is PENDING when inserted, RUNNING once time has passed, and DONE {@link
 * JobScript#runFor} after insertion, with the script's {@code errorResult} if any. Time is the
 * {@link TaskTimer}'s, so a manual timer drives it in tests: the clock of the BigQuery it stands
 * for, which a test shares with the run it hands the same timer to. As BigQuery does, it finds a
 * job only in the location it was inserted in. Jobs follow the {@linkplain #enqueue queued scripts}
 * in order, then the {@linkplain #defaultScript default script} (done at once, successfully).
 * Thread-safe.
 */
public final class FakeBigQueryService implements BigQueryClient {
  private static final class SharedHolder {
    static final FakeBigQueryService INSTANCE = new FakeBigQueryService(TaskTimer.system());
  }

  private final TaskTimer timer;
  private final Map<String, FakeJob> jobs = new LinkedHashMap<>();
  private final Deque<JobScript> scripts = new ArrayDeque<>();
  private JobScript defaultScript = JobScript.succeedAfter(Duration.ZERO);

  private static final class FakeJob {
    final String projectId;
    final String jobId;
    final String location;
    final Map<String, Object> configuration;
    final Instant created;
    final JobScript script;
    final List<Instant> statusRequests = new ArrayList<>();
    BigQueryError cancelled;

    FakeJob(
        String projectId,
        String jobId,
        String location,
        Map<String, Object> configuration,
        Instant created,
        JobScript script) {
      this.projectId = projectId;
      this.jobId = jobId;
      this.location = location;
      this.configuration = configuration;
      this.created = created;
      this.script = script;
    }
  }

  public FakeBigQueryService(TaskTimer timer) {
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  /** The service operators use unless given another; on the system timer. */
  public static FakeBigQueryService shared() {
    return SharedHolder.INSTANCE;
  }

  /** The script for jobs when none is queued. */
  public synchronized FakeBigQueryService defaultScript(JobScript script) {
    this.defaultScript = Objects.requireNonNull(script, "script");
    return this;
  }

  /** Queues {@code script} for the next inserted job. */
  public synchronized FakeBigQueryService enqueue(JobScript script) {
    scripts.addLast(Objects.requireNonNull(script, "script"));
    return this;
  }

  /**
   * {@code jobs.insert}: starts a job.
   *
   * @throws BigQueryJobException when the job id is taken in the project ({@code duplicate}) or the
   *     script rejects the job
   */
  @Override
  public synchronized BigQueryJob insertJob(
      String projectId, String jobId, String location, Map<String, Object> configuration)
      throws BigQueryJobException {
    String key = key(projectId, jobId);
    if (jobs.containsKey(key)) {
      throw new BigQueryJobException(
          jobId,
          new BigQueryError(
              "duplicate", "Already Exists: Job " + projectId + ":" + location + "." + jobId),
          "Already Exists: Job "
              + projectId
              + ":"
              + location
              + "."
              + jobId
              + "; job ids are unique within a project, choose another job_id");
    }
    JobScript script = scripts.isEmpty() ? defaultScript : scripts.removeFirst();
    if (script.rejectOnInsert()) {
      throw new BigQueryJobException(
          jobId, script.error(), "BigQuery rejected job " + jobId + ": " + script.error());
    }
    FakeJob job =
        new FakeJob(
            projectId,
            jobId,
            location,
            Collections.unmodifiableMap(new LinkedHashMap<>(configuration)),
            timer.now(),
            script);
    jobs.put(key, job);
    return snapshot(job);
  }

  /**
   * {@code jobs.get}: the job's current state.
   *
   * @throws BigQueryJobException ({@code notFound}) when there is no such job in {@code location}
   */
  @Override
  public synchronized BigQueryJob getJob(String projectId, String jobId, String location)
      throws BigQueryJobException {
    FakeJob job = find(projectId, jobId, location);
    job.statusRequests.add(timer.now());
    return snapshot(job);
  }

  /**
   * {@code jobs.cancel}: a job not yet done becomes DONE with errorResult {@code stopped}; a done
   * job is left as it is.
   */
  @Override
  public synchronized BigQueryJob cancelJob(String projectId, String jobId, String location)
      throws BigQueryJobException {
    FakeJob job = find(projectId, jobId, location);
    if (state(job) != JobState.DONE) {
      job.cancelled =
          new BigQueryError("stopped", "Job execution was cancelled: User requested cancellation");
    }
    return snapshot(job);
  }

  /** Every job inserted so far, in order, as of now. */
  public synchronized List<BigQueryJob> jobs() {
    List<BigQueryJob> all = new ArrayList<>(jobs.size());
    for (FakeJob job : jobs.values()) {
      all.add(snapshot(job));
    }
    return all;
  }

  /** When {@code jobs.get} was called for the job: the operator's polling schedule. */
  public synchronized List<Instant> statusRequests(String projectId, String jobId)
      throws BigQueryJobException {
    return List.copyOf(find(projectId, jobId, null).statusRequests);
  }

  /**
   * The job, in {@code location} unless that is {@code null}; BigQuery's {@code notFound} if none.
   */
  private FakeJob find(String projectId, String jobId, String location)
      throws BigQueryJobException {
    FakeJob job = jobs.get(key(projectId, jobId));
    if (job == null || (location != null && !job.location.equalsIgnoreCase(location))) {
      String message =
          "Not found: Job " + projectId + ":" + (location == null ? "" : location + ".") + jobId;
      throw new BigQueryJobException(jobId, new BigQueryError("notFound", message), message);
    }
    return job;
  }

  private JobState state(FakeJob job) {
    if (job.cancelled != null) {
      return JobState.DONE;
    }
    Instant now = timer.now();
    if (!now.isBefore(job.created.plus(job.script.runFor()))) {
      return JobState.DONE;
    }
    return now.isAfter(job.created) ? JobState.RUNNING : JobState.PENDING;
  }

  private BigQueryJob snapshot(FakeJob job) {
    JobState state = state(job);
    BigQueryError error =
        job.cancelled != null ? job.cancelled : state == JobState.DONE ? job.script.error() : null;
    return new BigQueryJob(
        job.projectId, job.jobId, job.location, job.configuration, state, error, job.created);
  }

  private static String key(String projectId, String jobId) {
    return projectId + ":" + jobId;
  }
}
