package io.mdpop3j.examples.logging;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.event.Level;

/**
 * Writes lines on a thread of its own, which also opens the real sink: a one-session process sends
 * its greeting while syslog's native binding loads. {@link #drain} waits for what is queued.
 */
public final class BackgroundSink implements LogSink {

  private static final int CAPACITY = 10_000;

  private record Entry(Level level, String line) {}

  private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final Supplier<LogSink> opener;
  private final Object idle = new Object();
  private int pending;

  private BackgroundSink(Supplier<LogSink> opener) {
    this.opener = opener;
  }

  /** Starts the writer thread; {@code opener} makes the real sink on that thread. */
  public static BackgroundSink start(Supplier<LogSink> opener) {
    BackgroundSink sink = new BackgroundSink(opener);
    Thread t = new Thread(sink::run, "log-writer");
    t.setDaemon(true);
    t.start();
    return sink;
  }

  @Override
  public void write(Level level, String line) {
    synchronized (idle) {
      pending++;
    }
    if (!queue.offer(new Entry(level, line))) {
      done();
    }
  }

  /** Waits at most {@code millis} for every queued line to be written. */
  public void drain(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (idle) {
      while (pending > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        try {
          idle.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void run() {
    LogSink real;
    try {
      real = opener.get();
    } catch (RuntimeException | LinkageError e) {
      real = LogSink.discard();
    }
    while (true) {
      Entry e;
      try {
        e = queue.take();
      } catch (InterruptedException ex) {
        return;
      }
      try {
        real.write(e.level(), e.line());
      } catch (RuntimeException | LinkageError ex) {
        // A broken log must not stop the session; the line is lost.
      }
      done();
    }
  }

  private void done() {
    synchronized (idle) {
      pending--;
      idle.notifyAll();
    }
  }
}
