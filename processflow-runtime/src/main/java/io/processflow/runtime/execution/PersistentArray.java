package io.processflow.runtime.execution;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A fixed-size immutable array whose {@link #set} costs O(1) and allocates one 24-byte object: a
 * version-diff persistent array (Baker's trick). The newest version owns the shared backing array;
 * when it is set, it turns into a diff (index, old value, newer version) and the new version takes
 * the backing array. Reading the newest version is O(1); reading a version k sets old walks k
 * diffs. A run's store reads and writes only its newest state, so every transition is O(1) and
 * allocation-light (RuntimeBench: the 32-way path-copying trie this replaced allocated ~2.8 KB per
 * task at 100,000 tasks and grew with n).
 *
 * <p>A version is nothing but its three fields (12-byte header + 3 x 4 bytes with compressed
 * references): {@code link} is the backing array while the version is the newest and the newer
 * version once it is a diff. Subclasses add no fields; whatever else they hold (a run's ids and its
 * own state) is an element of the array too, so that it is versioned for free (RuntimeBench, bytes
 * per task: versions with their own fields took 48 bytes per transition).
 *
 * <p>Thread safety: one writer (the store, under its lock) and any number of readers of any
 * version. The writer publishes the diff and the new link (release) before it overwrites the
 * element (release); a reader reads the element (acquire) and then checks that its version still
 * owns the backing array; if not, it reads through the diff instead.
 *
 * @param <A> the concrete version type
 */
abstract class PersistentArray<A extends PersistentArray<A>> {
  private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle LINK;

  static {
    try {
      LINK = MethodHandles.lookup().findVarHandle(PersistentArray.class, "link", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The backing array while this is the newest version; the newer version once it is a diff. */
  @SuppressWarnings("unused") // accessed through LINK
  private Object link;

  // Valid once link is a version (published by the release write of link).
  private int diffIndex;
  private Object diffValue;

  /**
   * A version owning {@code backing} (not copied). Published to readers by the writer's release of
   * the older version's link, or by whatever hands this version to another thread.
   */
  protected PersistentArray(Object[] backing) {
    LINK.set(this, backing);
  }

  /** A new newest version owning {@code backing}: just {@code new Subclass(backing)}. */
  protected abstract A newer(Object[] backing);

  /** The number of elements: O(1) on the newest version. */
  final int length() {
    return newest().length;
  }

  @SuppressWarnings("unchecked")
  final Object get(int i) {
    PersistentArray<A> version = this;
    while (true) {
      Object link = LINK.getAcquire(version);
      if (link instanceof Object[] backing) {
        Object value = ELEMENTS.getAcquire(backing, Objects.checkIndex(i, backing.length));
        if (LINK.getAcquire(version) == backing) {
          return value;
        }
        continue; // the version became a diff meanwhile: read it again through its diff
      }
      // A diff: this version equals the newer one except at diffIndex.
      if (version.diffIndex == i) {
        return version.diffValue;
      }
      version = (PersistentArray<A>) link;
    }
  }

  /**
   * A version with {@code value} at {@code i}; this same version when it already holds that value.
   * Must not be called concurrently (the store's lock serialises it). Setting an old version copies
   * it first (O(n)), which the runtime never does.
   */
  @SuppressWarnings("unchecked")
  final A set(int i, Object value) {
    Object link = LINK.get(this);
    if (!(link instanceof Object[] backing)) {
      return newer(copy()).set(i, value);
    }
    Object old = backing[Objects.checkIndex(i, backing.length)];
    if (old == value) {
      return (A) this;
    }
    A newer = newer(backing);
    diffIndex = i;
    diffValue = old;
    LINK.setRelease(this, newer); // publishes the diff before the element changes
    ELEMENTS.setRelease(backing, i, value);
    return newer;
  }

  @SuppressWarnings("unchecked")
  private Object[] newest() {
    Object link = LINK.getAcquire(this);
    while (!(link instanceof Object[])) {
      link = LINK.getAcquire((PersistentArray<A>) link);
    }
    return (Object[]) link;
  }

  private Object[] copy() {
    int n = length();
    Object[] copy = new Object[n];
    for (int i = 0; i < n; i++) {
      copy[i] = get(i);
    }
    return copy;
  }
}
