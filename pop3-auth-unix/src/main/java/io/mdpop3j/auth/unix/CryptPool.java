package io.mdpop3j.auth.unix;

import io.mdpop3j.core.spi.AuthResult;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small bounded pool of platform threads for native password checks. A yescrypt check costs about
 * 25 ms of CPU and a native call pins a virtual thread, so a burst of logins waits here instead of
 * occupying every carrier thread; beyond the queue, logins fail as temporary.
 */
final class CryptPool {

  private final ThreadPoolExecutor executor;

  CryptPool(String name, int threads, int queue) {
    AtomicInteger counter = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, "mdpop3j-" + name + "-crypt-" + counter.incrementAndGet());
              // Authenticators have no close(): daemon threads that time out when idle.
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code check} on the pool and waits for it; any failure to run it is temporary. */
  AuthResult run(Callable<AuthResult> check) {
    Future<AuthResult> future;
    try {
      future = executor.submit(check);
    } catch (RejectedExecutionException e) {
      return AuthResult.failure(
          AuthResult.Reason.TEMPORARY,
          "password check queue is full (" + executor.getQueue().size() + " waiting)");
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return AuthResult.failure(
          AuthResult.Reason.TEMPORARY, "interrupted while the password was checked");
    } catch (ExecutionException e) {
      return AuthResult.failure(
          AuthResult.Reason.TEMPORARY, "password check failed: " + e.getCause());
    }
  }

  /** The number of threads the pool may use. */
  int threads() {
    return executor.getMaximumPoolSize();
  }
}
