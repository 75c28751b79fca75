package io.processflow.api.internal.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A DAG's task ids and dependencies resolved once, for the DSL's {@code build()} and the
 * processor's graph rules alike: the task index by id, the edges as flat arrays in both directions,
 * and every graph problem (a duplicate id, a dependency on an unknown task or on the task itself, a
 * cycle) with the indexes that locate it. Each front-end words a problem with {@link GraphMessage}
 * and reports it where its user wrote it.
 *
 * <p>Flat, because building is part of every DAG's cost: task {@code i}'s downstream tasks are
 * {@code downTargets()[downStart()[i] .. downStart()[i + 1])}, in the order their edges were
 * declared, repeated edges once; its upstream tasks likewise. The index is open addressing over the
 * id array. Building takes time linear in tasks + edges, about 35 bytes per task and 8 per edge
 * (RuntimeBench, end to end), where hash maps of boxed indexes and a set of boxed edge keys took
 * about 300.
 */
public final class TaskGraph {
  /** How many ids {@link #hint} lists when no single one is close. */
  private static final int LISTED_IDS = 10;

  private final String[] ids;
  private final int taskCount;
  private final int[] slots;
  private final int[] upStart;
  private final int[] upSources;
  private final int[] downStart;
  private final int[] downTargets;
  private final int[] duplicateIds;
  private final int[] unknownEnds;
  private final int[] selfEdges;
  private final List<Cycle> cycles;

  /** A cycle: its path, first node repeated at the end, and the first edge that closes it. */
  public record Cycle(int[] path, int closingEdge) {}

  private TaskGraph(String[] ids, int[] hashes, int taskCount, EdgeList edges, String[] names) {
    this.ids = ids;
    this.taskCount = taskCount;
    this.slots = new int[tableSize(taskCount)];
    IntList duplicates = new IntList();
    for (int i = 0; i < taskCount; i++) {
      int first = insert(i, hashes);
      if (first >= 0) {
        duplicates.add(first);
        duplicates.add(i);
      }
    }
    this.duplicateIds = duplicates.toArray();

    // Pass 1: resolve both ends of every edge and count each task's edges in both directions; an
    // unknown end or a self-edge is reported and left out. An end given as a task index costs
    // nothing to resolve again in pass 2, an id one probe of the index. Each pass is a method of
    // its own, so the JIT compiles it as a whole rather than this constructor on the stack.
    IntList unknown = new IntList();
    IntList self = new IntList();
    int[] down = new int[taskCount + 1];
    int[] up = new int[taskCount + 1];
    count(edges, names, down, up, unknown, self);
    this.unknownEnds = unknown.toArray();
    this.selfEdges = self.toArray();

    // Pass 2: both directions at once, each task's neighbours in edge order. A start array serves
    // as its own cursor: filled from each task's end backwards it ends at each task's start.
    for (int i = 0; i < taskCount; i++) {
      down[i + 1] += down[i];
      up[i + 1] += up[i];
    }
    int[] targets = new int[down[taskCount]];
    int[] sources = new int[up[taskCount]];
    fill(edges, names, down, up, targets, sources);

    // A repeated edge counts once, and an edge list whose every edge goes forward has no cycle.
    // Most DAGs declare upstream tasks first, each task's in ascending order: then one sequential
    // pass over the sources says both, without a stamp array or a cycle search.
    int order = order(up, sources, taskCount);
    boolean ascending = (order & 1) != 0;
    boolean forward = (order & 2) != 0;
    if (!ascending) {
      int length = sources.length;
      sources = withoutRepeats(up, sources, taskCount);
      if (sources.length < length) {
        targets = withoutRepeats(down, targets, taskCount);
      }
    }
    this.upStart = up;
    this.upSources = sources;
    this.downStart = down;
    this.downTargets = targets;
    this.cycles = forward ? List.of() : findCycles(edges, names);
  }

  /**
   * Pass 1: counts each task's edges in both directions into {@code down} and {@code up}, noting
   * unknown ends and self-edges instead. Both passes walk the edge list block by block: an edge by
   * its number cost a block lookup per end, which was most of a pass (JFR, RuntimeBench's shapes at
   * 10,000-100,000 tasks).
   */
  private void count(
      EdgeList edges, String[] names, int[] down, int[] up, IntList unknown, IntList self) {
    int edgeCount = edges.size();
    for (int base = 0; base < edgeCount; base += EdgeList.BLOCK) {
      int[] fromBlock = edges.fromBlock(base / EdgeList.BLOCK);
      int[] toBlock = edges.toBlock(base / EdgeList.BLOCK);
      int length = Math.min(EdgeList.BLOCK, edgeCount - base);
      for (int k = 0; k < length; k++) {
        int u = resolve(fromBlock[k], names);
        int v = resolve(toBlock[k], names);
        if (u < 0 || v < 0 || u == v) {
          problem(base + k, u, v, unknown, self);
        } else {
          down[u]++;
          up[v]++;
        }
      }
    }
  }

  /** Pass 2: each task's neighbours in edge order, the starts moving back to where each begins. */
  private void fill(
      EdgeList edges, String[] names, int[] down, int[] up, int[] targets, int[] sources) {
    int edgeCount = edges.size();
    for (int base = (edgeCount - 1) & -EdgeList.BLOCK; base >= 0; base -= EdgeList.BLOCK) {
      int[] fromBlock = edges.fromBlock(base / EdgeList.BLOCK);
      int[] toBlock = edges.toBlock(base / EdgeList.BLOCK);
      for (int k = Math.min(EdgeList.BLOCK, edgeCount - base) - 1; k >= 0; k--) {
        int u = resolve(fromBlock[k], names);
        int v = resolve(toBlock[k], names);
        if (u >= 0 && v >= 0 && u != v) {
          targets[--down[u]] = v;
          sources[--up[v]] = u;
        }
      }
    }
  }

  /**
   * Whether each task's upstream list is in ascending order (bit 0) and every edge goes forward
   * (bit 1). Most DAGs declare upstream tasks first, each task's in ascending order: then this one
   * sequential pass over the sources says both that no edge repeats and that there is no cycle,
   * without a stamp array or a cycle search.
   */
  private static int order(int[] up, int[] sources, int taskCount) {
    boolean ascending = true;
    boolean forward = true;
    for (int v = 0; v < taskCount; v++) {
      int previous = -1;
      for (int k = up[v]; k < up[v + 1]; k++) {
        int u = sources[k];
        ascending &= u > previous;
        forward &= u < v;
        previous = u;
      }
    }
    return (ascending ? 1 : 0) | (forward ? 2 : 0);
  }

  /**
   * Drops, within each task's list {@code values[start[i] .. start[i + 1])}, every entry already
   * seen earlier in that list; moves the starts to match. Returns the values (a shorter copy when
   * any were dropped).
   */
  private static int[] withoutRepeats(int[] start, int[] values, int taskCount) {
    int[] stamp = new int[taskCount];
    int to = 0;
    for (int i = 0; i < taskCount; i++) {
      int from = start[i];
      start[i] = to;
      for (int k = from; k < start[i + 1]; k++) {
        int value = values[k];
        if (stamp[value] != i + 1) {
          stamp[value] = i + 1;
          values[to++] = value;
        }
      }
    }
    int length = start[taskCount];
    start[taskCount] = to;
    return to == length ? values : Arrays.copyOf(values, to);
  }

  /**
   * Resolves {@code taskCount} ids (declaration order; a null or blank id is not indexed, its
   * front-end reports it) and the edges, in the order they were added. An end is a task index when
   * {@code >= 0}, else the id {@code names[-end - 1]}, resolved here (an id may name no task). Only
   * {@code ids} is kept.
   */
  public static TaskGraph of(String[] ids, int taskCount, EdgeList edges, String[] names) {
    return new TaskGraph(ids, null, taskCount, edges, names);
  }

  /**
   * {@link #of} for ids already checked ({@link TaskIds#isValid}, so none is null or blank) and
   * hashed ({@code hashes[i] == ids[i].hashCode()}) as they were declared, while each was fresh in
   * the cache: indexing them then reads no id but those whose hashes collide (DagBuilder).
   */
  public static TaskGraph ofValid(
      String[] ids, int[] hashes, int taskCount, EdgeList edges, String[] names) {
    return new TaskGraph(ids, hashes, taskCount, edges, names);
  }

  /** {@link #of} with both ends of every edge given as ids. */
  public static TaskGraph ofIds(
      String[] ids, int taskCount, String[] edgeFrom, String[] edgeTo, int edgeCount) {
    EdgeList edges = new EdgeList();
    String[] names = new String[2 * edgeCount];
    for (int e = 0; e < edgeCount; e++) {
      names[2 * e] = edgeFrom[e];
      names[2 * e + 1] = edgeTo[e];
      edges.add(-(2 * e) - 1, -(2 * e + 1) - 1);
    }
    return of(ids, taskCount, edges, names);
  }

  /** Notes edge {@code e}'s unknown ends, or that it is a self-edge. */
  private static void problem(int e, int u, int v, IntList unknown, IntList self) {
    if (u < 0) {
      unknown.add(e);
      unknown.add(0);
    }
    if (v < 0) {
      unknown.add(e);
      unknown.add(1);
    }
    if (u >= 0 && u == v) {
      self.add(e);
    }
  }

  /** The task an edge's end names, or -1. */
  private int resolve(int end, String[] names) {
    return end >= 0 ? end : indexOf(names[-end - 1]);
  }

  private List<Cycle> findCycles(EdgeList edges, String[] names) {
    int edgeCount = edges.size();
    List<int[]> paths = DependencyGraph.findCycles(downStart, downTargets);
    if (paths.isEmpty()) {
      return List.of();
    }
    List<Cycle> found = new ArrayList<>(paths.size());
    for (int[] path : paths) {
      int last = path[path.length - 2];
      int closing = -1;
      for (int e = 0; e < edgeCount && closing < 0; e++) {
        if (resolve(edges.from(e), names) == last && resolve(edges.to(e), names) == path[0]) {
          closing = e;
        }
      }
      found.add(new Cycle(path, closing));
    }
    return List.copyOf(found);
  }

  /** A power of two at least twice the task count: probes stay short. */
  private static int tableSize(int taskCount) {
    return Math.max(2, Integer.highestOneBit(Math.max(1, taskCount) * 2 - 1) << 1);
  }

  /**
   * Mixes every bit of an id's hash into the low bits the table uses (MurmurHash3's 32-bit
   * finalizer). Generated ids such as {@code t0 .. t99999} have hashes in runs of consecutive
   * values at regular strides, which linear probing turned into long clusters: 5.6 probes per
   * lookup at 10,000 such ids with {@code h ^ (h >>> 16)}, 1.2 with this (RuntimeBench, end to end:
   * building, and {@code xcomPull} by id).
   */
  private static int spread(int hash) {
    int h = hash ^ (hash >>> 16);
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  /**
   * Indexes task {@code i}; the task already indexed under its id, or -1. With {@code hashes}, an
   * id is compared only with those of equal hash.
   */
  private int insert(int i, int[] hashes) {
    String id = ids[i];
    int hash;
    if (hashes != null) {
      hash = hashes[i];
    } else if (id == null || id.isBlank()) {
      return -1;
    } else {
      hash = id.hashCode();
    }
    int mask = slots.length - 1;
    for (int s = spread(hash) & mask; ; s = (s + 1) & mask) {
      int held = slots[s];
      if (held == 0) {
        slots[s] = i + 1;
        return -1;
      }
      if ((hashes == null || hashes[held - 1] == hash) && ids[held - 1].equals(id)) {
        return held - 1;
      }
    }
  }

  /** The slot that holds {@code id}, or the empty slot where it would go (linear probing). */
  private int slotOf(String id) {
    int mask = slots.length - 1;
    for (int s = spread(id.hashCode()) & mask; ; s = (s + 1) & mask) {
      int held = slots[s];
      if (held == 0 || ids[held - 1].equals(id)) {
        return s;
      }
    }
  }

  /** The index of the first task declared with {@code id}, or -1. */
  public int indexOf(String id) {
    return id == null ? -1 : slots[slotOf(id)] - 1;
  }

  public int taskCount() {
    return taskCount;
  }

  /** The ids as given: {@code taskCount} of them, maybe followed by unused entries. */
  public String[] ids() {
    return ids;
  }

  /** Task {@code i}'s id as declared. */
  public String id(int i) {
    return ids[i];
  }

  /**
   * Where each task's upstream tasks start in {@link #upSources()}; {@code taskCount + 1} entries.
   */
  public int[] upStart() {
    return upStart;
  }

  public int[] upSources() {
    return upSources;
  }

  /**
   * Where each task's downstream tasks start in {@link #downTargets()}; {@code taskCount + 1}
   * entries.
   */
  public int[] downStart() {
    return downStart;
  }

  public int[] downTargets() {
    return downTargets;
  }

  /**
   * True when nothing is wrong with the graph: no duplicate id, unknown task, self-edge or cycle.
   */
  public boolean isValid() {
    return duplicateIds.length == 0
        && unknownEnds.length == 0
        && selfEdges.length == 0
        && cycles.isEmpty();
  }

  /** Pairs {@code (first, again)}: task {@code again} repeats the id of task {@code first}. */
  public int[] duplicateIds() {
    return duplicateIds;
  }

  /**
   * Pairs {@code (edge, end)}: an end of edge {@code edge} names no task, {@code end} 0 for its
   * upstream id, 1 for its downstream id; in edge order.
   */
  public int[] unknownEnds() {
    return unknownEnds;
  }

  /** The edges whose two ends are the same task, in edge order. */
  public int[] selfEdges() {
    return selfEdges;
  }

  /**
   * One cycle per strongly connected component that has one, as {@link DependencyGraph} finds them.
   */
  public List<Cycle> cycles() {
    return cycles;
  }

  /** {@code a -> b -> a}: a cycle's path by task ids. */
  public String path(Cycle cycle) {
    StringBuilder text = new StringBuilder();
    for (int node : cycle.path()) {
      if (text.length() > 0) {
        text.append(" -> ");
      }
      text.append(ids[node]);
    }
    return text.toString();
  }

  /**
   * What to say about the unknown id {@code unknown}: the one close id ("did you mean 'extract'?"),
   * or the DAG's first task ids.
   */
  public String hint(String unknown) {
    return hint(unknown, null);
  }

  /**
   * {@link #hint(String)} for an id that task {@code referencing} names: never that task itself,
   * which would be a dependency on itself.
   */
  public String hint(String unknown, String referencing) {
    List<String> candidates = indexedIds();
    candidates.remove(referencing);
    Optional<String> closest =
        unknown == null ? Optional.empty() : Suggestions.closest(unknown, candidates);
    if (closest.isPresent()) {
      return "did you mean '" + closest.get() + "'?";
    }
    List<String> listed = new ArrayList<>(LISTED_IDS);
    for (int i = 0; i < taskCount && listed.size() < LISTED_IDS; i++) {
      if (ids[i] != null) {
        listed.add(ids[i]);
      }
    }
    if (listed.isEmpty()) {
      return "the DAG has no tasks";
    }
    return "the DAG's task ids are "
        + String.join(", ", listed)
        + (taskCount > LISTED_IDS ? ", ..." : "");
  }

  private List<String> indexedIds() {
    List<String> known = new ArrayList<>(taskCount);
    for (int i = 0; i < taskCount; i++) {
      if (ids[i] != null && indexOf(ids[i]) == i) {
        known.add(ids[i]);
      }
    }
    return known;
  }

  /** A growable int array for the (rare) problems. */
  private static final class IntList {
    private int[] values = new int[0];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, Math.max(4, size * 2));
      }
      values[size++] = value;
    }

    int[] toArray() {
      return size == 0 ? EMPTY : Arrays.copyOf(values, size);
    }
  }

  private static final int[] EMPTY = new int[0];
}
