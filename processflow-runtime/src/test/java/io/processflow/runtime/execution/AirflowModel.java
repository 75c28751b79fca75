package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskState;
import io.processflow.api.TriggerRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference model of Airflow 3's decisions for one DAG run, written from Airflow's source and
 * sharing nothing with the engine's decision code. It explores every interleaving of the events
 * Airflow's scheduler, workers and API server can order differently, and returns the final task
 * states and run state each can end in.
 *
 * <p>What it models, and where it comes from (apache/airflow):
 *
 * <ul>
 *   <li>A scheduler pass ({@code DagRun.task_instance_scheduling_decisions}, {@code
 *       _get_ready_tis}): every task in state none is evaluated by {@code TriggerRuleDep} with
 *       {@code flag_upstream_failed}, all against one snapshot of the finished tasks taken when the
 *       pass begins; a state set during the pass is seen by the next pass only. A task whose rule
 *       sets skipped or upstream_failed ends there; one whose rule passes is scheduled.
 *   <li>The rules ({@code trigger_rule_dep.py}, {@code _evaluate_direct_relatives}): transcribed in
 *       {@link #evaluate}, including the early decisions and {@code one_done} counting {@code
 *       failed} but not {@code upstream_failed}.
 *   <li>A scheduled task starts at any time; a running task ends at any time, as its body says.
 *   <li>A branch ({@code SkipMixin.skip_all_except}) follows its targets and every task downstream
 *       of them (the "empty branch" rule) and skips its other direct downstream tasks; a false
 *       short circuit ({@code ShortCircuitOperator}, {@code ignore_downstream_trigger_rules=True})
 *       skips every task downstream. The task SDK sends the skip ({@code DownstreamTasksSkipped} →
 *       {@code SkipDownstreamTasks}) before it reports the task's success, as two requests: a
 *       scheduler pass can come between them. The API server ({@code ti_skip_downstream}) leaves a
 *       running, succeeded or failed task alone and sets every other state to skipped, an
 *       upstream_failed or scheduled one included.
 *   <li>The run's state ({@code DagRun.update_state}): once every task finished, failed if a leaf
 *       failed or is upstream_failed, else success.
 * </ul>
 *
 * Not modelled: retries, mapped tasks, setup/teardown, depends_on_past.
 */
public final class AirflowModel {
  /** What a task's body does when it runs. */
  public enum Body {
    SUCCEED,
    FAIL,
    /** Returns {@link Task#follow}: a branch. */
    BRANCH,
    SHORT_CIRCUIT_TRUE,
    SHORT_CIRCUIT_FALSE
  }

  /** One task: its rule, its body, its direct upstream tasks (by index), a branch's targets. */
  public record Task(TriggerRule rule, Body body, int[] upstream, int[] follow) {}

  /** A final state of the run. */
  public record Outcome(List<TaskState> tasks, DagRunState run) {
    @Override
    public String toString() {
      return run + " " + tasks;
    }
  }

  // A task's state, 4 bits of a long per task.
  private static final int NONE = 0;
  private static final int SCHEDULED = 1;
  private static final int RUNNING = 2;

  /** A branch or short circuit that has sent its skip and not yet reported its success. */
  private static final int SKIPS_SENT = 3;

  private static final int SUCCESS = 4;
  private static final int FAILED = 5;
  private static final int SKIPPED = 6;
  private static final int UPSTREAM_FAILED = 7;
  private static final TaskState[] NAMES = {
    TaskState.NONE, TaskState.SCHEDULED, TaskState.RUNNING, TaskState.RUNNING,
    TaskState.SUCCESS, TaskState.FAILED, TaskState.SKIPPED, TaskState.UPSTREAM_FAILED
  };

  private final List<Task> tasks;
  private final int n;

  /** Per task: the tasks its skip (if any) targets, as a bit mask. */
  private final int[] skipMask;

  /** Tasks some skip may target: only for them does starting differ from being scheduled. */
  private final int targetable;

  private final boolean[] leaf;
  private final Map<Long, Result> memo = new HashMap<>();

  private record Result(Set<Long> finals, double paths) {}

  public AirflowModel(List<Task> tasks) {
    if (tasks.size() > 15) {
      throw new IllegalArgumentException(
          "the model packs a task's state in 4 bits of a long: at most 15 tasks");
    }
    this.tasks = List.copyOf(tasks);
    this.n = tasks.size();
    int[] children = new int[n];
    leaf = new boolean[n];
    java.util.Arrays.fill(leaf, true);
    for (int i = 0; i < n; i++) {
      for (int u : tasks.get(i).upstream()) {
        children[u] |= 1 << i;
        leaf[u] = false;
      }
    }
    int[] descendants = new int[n];
    for (int i = 0; i < n; i++) {
      descendants[i] = descendantsOf(i, children);
    }
    skipMask = new int[n];
    int anyTarget = 0;
    for (int i = 0; i < n; i++) {
      Task task = tasks.get(i);
      if (task.body() == Body.BRANCH) {
        int followed = 0;
        for (int f : task.follow()) {
          followed |= 1 << f | descendants[f];
        }
        skipMask[i] = children[i] & ~followed;
      } else if (task.body() == Body.SHORT_CIRCUIT_FALSE) {
        skipMask[i] = descendants[i];
      }
      anyTarget |= skipMask[i];
    }
    targetable = anyTarget;
  }

  private static int descendantsOf(int i, int[] children) {
    int seen = 0;
    int frontier = children[i];
    while (frontier != 0) {
      int d = Integer.numberOfTrailingZeros(frontier);
      frontier &= frontier - 1;
      if ((seen & 1 << d) == 0) {
        seen |= 1 << d;
        frontier |= children[d] & ~seen;
      }
    }
    return seen;
  }

  /** Every final state Airflow can reach, over every interleaving. */
  public Set<Outcome> reachable() {
    Set<Outcome> outcomes = new HashSet<>();
    for (long state : explore(0L).finals()) {
      outcomes.add(outcome(state));
    }
    return outcomes;
  }

  /** How many distinct states the exploration visited. */
  int statesExplored() {
    return memo.size();
  }

  /** How many distinct interleavings (orders of events from the start to an end) there are. */
  double interleavings() {
    return explore(0L).paths();
  }

  private Result explore(long state) {
    Result known = memo.get(state);
    if (known != null) {
      return known;
    }
    Set<Long> finals = new HashSet<>();
    double paths = 0;
    boolean allFinished = true;
    for (int i = 0; i < n; i++) {
      if (get(state, i) < SUCCESS) {
        allFinished = false;
      }
    }
    if (allFinished) {
      finals.add(state);
      paths = 1;
    } else {
      List<Long> next = successors(state);
      if (next.isEmpty()) {
        throw new IllegalStateException("the model's run is stuck in " + describe(state));
      }
      for (long s : next) {
        Result r = explore(s);
        finals.addAll(r.finals());
        paths += r.paths();
      }
    }
    Result result = new Result(Set.copyOf(finals), paths);
    memo.put(state, result);
    return result;
  }

  private List<Long> successors(long state) {
    List<Long> next = new ArrayList<>();
    long passed = schedulerPass(state);
    if (passed != state) {
      next.add(passed);
    }
    for (int i = 0; i < n; i++) {
      int s = get(state, i);
      boolean startable = s == SCHEDULED && (targetable & 1 << i) != 0;
      if (startable) {
        next.add(set(state, i, RUNNING));
      } else if (s == RUNNING || s == SCHEDULED) {
        next.add(finishBody(state, i));
      } else if (s == SKIPS_SENT) {
        next.add(set(state, i, SUCCESS));
      }
    }
    return next;
  }

  /** Task {@code i}'s body returns: it sends its skip first if it has one, else it ends. */
  private long finishBody(long state, int i) {
    Body body = tasks.get(i).body();
    if (skipMask[i] != 0) {
      long after = set(state, i, SKIPS_SENT);
      for (int mask = skipMask[i]; mask != 0; mask &= mask - 1) {
        int t = Integer.numberOfTrailingZeros(mask);
        int s = get(after, t);
        if (s != RUNNING && s != SKIPS_SENT && s != SUCCESS && s != FAILED) {
          after = set(after, t, SKIPPED);
        }
      }
      return after;
    }
    return set(state, i, body == Body.FAIL ? FAILED : SUCCESS);
  }

  /** One pass of the scheduler: every task in state none, against the snapshot {@code state}. */
  private long schedulerPass(long state) {
    long after = state;
    for (int i = 0; i < n; i++) {
      if (get(state, i) == NONE) {
        after = set(after, i, evaluate(tasks.get(i), state));
      }
    }
    return after;
  }

  /** TriggerRuleDep for a task in state none: the state it gets (none if it must wait). */
  private int evaluate(Task task, long snapshot) {
    int upstream = task.upstream().length;
    TriggerRule rule = task.rule();
    if (upstream == 0 || rule == TriggerRule.ALWAYS) {
      return SCHEDULED;
    }
    int success = 0;
    int failed = 0;
    int upstreamFailed = 0;
    int skipped = 0;
    for (int u : task.upstream()) {
      switch (get(snapshot, u)) {
        case SUCCESS -> success++;
        case FAILED -> failed++;
        case UPSTREAM_FAILED -> upstreamFailed++;
        case SKIPPED -> skipped++;
        default -> {}
      }
    }
    int done = success + failed + upstreamFailed + skipped;
    boolean upstreamDone = done >= upstream;
    // flag_upstream_failed: the state the rule sets when it can no longer be met.
    int newState = NONE;
    switch (rule) {
      case ALL_SUCCESS -> {
        if (upstreamFailed > 0 || failed > 0) {
          newState = UPSTREAM_FAILED;
        } else if (skipped > 0) {
          newState = SKIPPED;
        }
      }
      case ALL_FAILED -> {
        if (success > 0 || skipped > 0) {
          newState = SKIPPED;
        }
      }
      case ONE_SUCCESS -> {
        if (upstreamDone && done == skipped) {
          newState = SKIPPED;
        } else if (upstreamDone && success <= 0) {
          newState = UPSTREAM_FAILED;
        }
      }
      case ONE_FAILED -> {
        if (upstreamDone && failed == 0 && upstreamFailed == 0) {
          newState = SKIPPED;
        }
      }
      case ONE_DONE -> {
        if (upstreamDone && failed == 0 && success == 0) {
          newState = SKIPPED;
        }
      }
      case NONE_FAILED -> {
        if (upstreamFailed > 0 || failed > 0) {
          newState = UPSTREAM_FAILED;
        }
      }
      case NONE_FAILED_MIN_ONE_SUCCESS -> {
        if (upstreamFailed > 0 || failed > 0) {
          newState = UPSTREAM_FAILED;
        } else if (skipped == upstream) {
          newState = SKIPPED;
        }
      }
      case NONE_SKIPPED -> {
        if (skipped > 0) {
          newState = SKIPPED;
        }
      }
      case ALL_SKIPPED -> {
        if (success > 0 || failed > 0 || upstreamFailed > 0) {
          newState = SKIPPED;
        }
      }
      case ALL_DONE_MIN_ONE_SUCCESS -> {
        int nonSkippedDone = success + failed + upstreamFailed;
        int nonSkippedUpstream = upstream - skipped;
        if (skipped > 0) {
          newState = SKIPPED;
        } else if (nonSkippedDone >= nonSkippedUpstream && success == 0) {
          newState = UPSTREAM_FAILED;
        }
      }
      default -> {}
    }
    if (newState != NONE) {
      return newState; // set even where the dependency itself passes (none_failed_min_one_success)
    }
    boolean passes =
        switch (rule) {
          case ONE_SUCCESS -> success > 0;
          case ONE_FAILED -> failed > 0 || upstreamFailed > 0;
          case ONE_DONE -> success + failed > 0;
          case ALL_SUCCESS -> upstream - success <= 0;
          case ALL_FAILED -> upstream - failed - upstreamFailed <= 0;
          case ALL_DONE -> upstreamDone;
          case NONE_FAILED, NONE_FAILED_MIN_ONE_SUCCESS -> upstream - success - skipped <= 0;
          case NONE_SKIPPED -> upstreamDone && skipped == 0;
          case ALL_SKIPPED -> upstream - skipped <= 0;
          case ALL_DONE_MIN_ONE_SUCCESS ->
              skipped == 0
                  && success + failed + upstreamFailed >= upstream - skipped
                  && success > 0;
          case ALWAYS -> true;
        };
    return passes ? SCHEDULED : NONE;
  }

  private Outcome outcome(long state) {
    List<TaskState> states = new ArrayList<>(n);
    boolean failed = false;
    for (int i = 0; i < n; i++) {
      int s = get(state, i);
      states.add(NAMES[s]);
      failed |= leaf[i] && (s == FAILED || s == UPSTREAM_FAILED);
    }
    return new Outcome(List.copyOf(states), failed ? DagRunState.FAILED : DagRunState.SUCCESS);
  }

  private String describe(long state) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add("t" + i + "=" + get(state, i));
    }
    return parts.toString();
  }

  private static int get(long state, int i) {
    return (int) (state >>> (4 * i)) & 0xF;
  }

  private static long set(long state, int i, int value) {
    return state & ~(0xFL << (4 * i)) | (long) value << (4 * i);
  }
}
