package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Flat combining under stress: many threads report at once, with random pauses and interrupts;
 * every report is decided exactly once, under the lock, one at a time, with its own result, and
 * reports are really decided by other threads (else the test would prove nothing about combining).
 * Some reports hand their thread no try, so combiners let go both with and without a lease.
 */
class CombinedSectionsTest {
  @Test
  void everyReportIsDecidedOnceUnderTheLockWhoeverDecidesIt() throws Exception {
    // Each round checks every report; the rounds go on until one has had reports decided by
    // another thread (on a busy 2-core machine the reporters of a round may never overlap, which
    // proves nothing about combining but is no error).
    int byOthers = 0;
    for (int round = 0; round < 20 && byOthers == 0; round++) {
      byOthers = decideEveryReportOnce();
    }
    assertThat(byOthers).as("reports decided by another thread, in 20 rounds").isPositive();
  }

  /**
   * One round: every report decided once, under the lock, with its own result; returns how many
   * reports were decided by another thread than their own.
   */
  private static int decideEveryReportOnce() throws Exception {
    int threads = 6;
    int each = 20_000;
    Object lock = new Object();
    int[] decided = new int[threads * each];
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger byOthers = new AtomicInteger();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    CombinedSections sections =
        new CombinedSections(
            lock,
            () -> {
              if (!Thread.holdsLock(lock)) {
                errors.add("a batch started outside the lock");
              }
            },
            request -> {
              if (inside.incrementAndGet() != 1 || !Thread.holdsLock(lock)) {
                errors.add("two sections at once, or one outside the lock");
              }
              decided[request.task]++;
              if (request.thread != Thread.currentThread()) {
                byOthers.incrementAndGet();
              }
              request.packed = result(request.task);
              request.keptTry = request.tryNumber;
              if (request.task % 64 == 0) {
                // Now and then a long section (20 µs), which reports from the other core queue
                // behind: the lease alone keeps most reports on their own thread.
                long until = System.nanoTime() + 20_000;
                while (System.nanoTime() < until) {
                  Thread.onSpinWait();
                }
              }
              inside.decrementAndGet();
            });
    List<Thread> workers = new ArrayList<>();
    // All reporters start together: one that ran alone before the others started would leave no
    // report for another thread to decide (seen once on a loaded 2-core machine).
    CountDownLatch start = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int first = t * each;
      Random random = new Random(t);
      Thread worker =
          new Thread(
              () -> {
                CombinedSections.Request request = BodyThread.enter(null, null).request();
                start.countDown();
                try {
                  start.await();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                for (int k = 0; k < each; k++) {
                  request.task = first + k;
                  request.tryNumber = k;
                  if (random.nextInt(100) == 0) {
                    Thread.currentThread().interrupt(); // a stale interrupt must not spin or lose
                  }
                  sections.decide(request);
                  if (request.packed != result(request.task) || request.keptTry != k) {
                    errors.add("report " + request.task + " got another report's result");
                  }
                  Thread.interrupted();
                  if (random.nextInt(50) == 0) {
                    Thread.yield();
                  }
                }
              },
              "reporter-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(worker.isAlive()).as("%s is stuck", worker.getName()).isFalse();
    }
    assertThat(errors).isEmpty();
    for (int i = 0; i < decided.length; i++) {
      assertThat(decided[i]).as("report %d", i).isEqualTo(1);
    }
    return byOthers.get();
  }

  /** A section's result for report {@code task}: every fifth hands its thread no try. */
  private static int result(int task) {
    return task % 5 == 0 ? TaskLinks.packed(TaskLinks.END, false) : task * 3 + 1;
  }

  /**
   * A thread whose report handed it a try keeps the lease, so that its next report combines at
   * once; one whose report handed it none does not. When a holder stays away (a long body, a thread
   * gone), a waiting report takes the lease over after its spins instead of waiting for good, and
   * the combiners after it keep no lease for a while.
   */
  @Test
  void theLeaseIsKeptByATryForTheThreadAndTakenOverWhenItsHolderStaysAway() throws Exception {
    List<String> decided = Collections.synchronizedList(new ArrayList<>());
    CombinedSections sections =
        new CombinedSections(
            new Object(),
            () -> {},
            request -> {
              decided.add(request.task + " by " + Thread.currentThread().getName());
              request.packed = // task 0: no try for the reporter
                  TaskLinks.packed(request.task == 0 ? TaskLinks.END : request.task, true);
            });
    CombinedSections.Request[] holderRequest = new CombinedSections.Request[1];
    Object[] heldAfter = new Object[3];
    CountDownLatch holderReported = new CountDownLatch(1);
    CountDownLatch lateReported = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              CombinedSections.Request request = BodyThread.enter(null, null).request();
              holderRequest[0] = request;
              request.task = 0;
              sections.decide(request);
              heldAfter[0] = sections.holder();
              request.task = 1;
              sections.decide(request); // keeps the lease, then stays away
              heldAfter[1] = sections.holder();
              holderReported.countDown();
              try {
                lateReported.await();
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
              request.task = 3;
              sections.decide(request);
              heldAfter[2] = sections.holder();
            },
            "holder");
    Thread late =
        new Thread(
            () -> {
              try {
                holderReported.await();
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
              CombinedSections.Request request = BodyThread.enter(null, null).request();
              request.task = 2;
              sections.decide(request); // waits its spins, then takes the lease over
              lateReported.countDown();
            },
            "late");
    holder.setDaemon(true); // a stuck one must not keep the test JVM alive
    late.setDaemon(true);
    holder.start();
    late.start();
    holder.join(10_000);
    late.join(10_000);
    assertThat(holder.isAlive() || late.isAlive())
        .as("a report waits for good for a lease nobody reclaims")
        .isFalse();
    assertThat(decided).containsExactly("0 by holder", "1 by holder", "2 by late", "3 by holder");
    assertThat(heldAfter[0]).as("no try for the thread: no lease").isNull();
    assertThat(heldAfter[1]).as("a try for the thread: its lease").isSameAs(holderRequest[0]);
    assertThat(heldAfter[2]).as("no lease right after a takeover").isNull();
    assertThat(sections.holder()).isNull();

    // The backoff ends: a thread whose report hands it a try keeps the lease again, and lets go
    // of it when its try goes asynchronous.
    CombinedSections.Request request = BodyThread.enter(null, null).request();
    for (int k = 0; k < 100; k++) {
      request.task = 10 + k;
      sections.decide(request);
    }
    assertThat(sections.holder()).isSameAs(request);
    sections.leave(request);
    assertThat(sections.holder()).isNull();
  }
}
