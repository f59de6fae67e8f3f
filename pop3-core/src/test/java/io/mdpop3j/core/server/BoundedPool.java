package io.mdpop3j.core.server;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A host executor with a fixed number of threads, as an embedding application bounds it, that can
 * be told to refuse work and shows how many of its threads sessions hold.
 */
final class BoundedPool implements Executor, AutoCloseable {

  private final ThreadPoolExecutor pool;
  private volatile boolean refusing;

  BoundedPool(int threads) {
    // A small queue rather than none: a thread just back from a parked session is not instantly
    // ready for the next task, and a SynchronousQueue would refuse work in that moment.
    pool =
        new ThreadPoolExecutor(
            threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(256));
  }

  @Override
  public void execute(Runnable task) {
    if (refusing) {
      throw new RejectedExecutionException("refusing for the test");
    }
    pool.execute(task);
  }

  /** From now on every task is refused. */
  void refuse() {
    refusing = true;
  }

  /** Threads now running a session. */
  int busy() {
    return pool.getActiveCount();
  }

  /** Waits until no session holds a thread (all parked or ended); fails after 5 s. */
  void awaitAllParked() throws InterruptedException {
    awaitBusy(0, Duration.ofSeconds(5));
  }

  /** Waits until exactly {@code n} threads run sessions; fails after {@code timeout}. */
  void awaitBusy(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pool.getActiveCount() != n || !pool.getQueue().isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "expected " + n + " busy session threads, found " + pool.getActiveCount());
      }
      Thread.sleep(5);
    }
  }

  /** Whether {@code n} session threads stay busy for all of {@code period}. */
  boolean staysBusy(int n, Duration period) throws InterruptedException {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() - end < 0) {
      if (pool.getActiveCount() != n) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }
}
