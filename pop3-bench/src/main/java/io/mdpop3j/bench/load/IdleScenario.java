package io.mdpop3j.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * {@code idle}: {@code --sessions} users (format {@code --user-format}, default {@code idle-%05d})
 * log in and stay idle, from {@code --sources} loopback addresses in turn (127.0.0.2 ...; default
 * one per 20,000 sessions, as one address has about 28,000 ephemeral ports); no client thread is
 * kept per session ({@code --sources 0}: the kernel picks the address). While they are held, a new
 * client ({@code --probe-user}, default {@code login-0}) runs login sessions (USER, PASS, STAT,
 * QUIT) one after another for {@code --probe-seconds} (5; 0 skips it); then each idle session sends
 * NOOP. Figures: the server's added PSS and RSS per session (its process tree, {@code
 * --server-pid}), the new client's login p50 and p99, how many sessions answered, and the latency
 * of the NOOP storm (p50 and p99 from send to reply read, every NOOP sent before any reply is
 * read). {@code --sessions 0} gives the login figures of a server holding nothing.
 */
final class IdleScenario {

  private IdleScenario() {}

  static Result run(Options o, ServerProcess server) throws InterruptedException {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("port"));
    int sessions = o.getInt("sessions", 2000);
    String userFormat = o.get("user-format", "idle-%05d");
    String password = o.get("password", "bench-pw");
    int openers = o.getInt("openers", 16);
    int sources = o.getInt("sources", Math.max(1, (sessions + 19_999) / 20_000));
    LoopbackSources loopback = new LoopbackSources(0);
    long deadline = System.nanoTime() + (long) (o.getDouble("max-seconds", 300) * 1e9);
    Result r = new Result("idle-" + sessions, o.require("server"));
    String gc = o.get("gc-cmd", "none");
    // Session threads an earlier scenario left in a pool would be reused, and their stacks would
    // not count: wait until the server is down to --settle-threads (at most 60 s).
    int settleThreads = o.getInt("settle-threads", Integer.MAX_VALUE);
    long settleUntil = System.nanoTime() + 60_000_000_000L;
    while (server.known() && server.threads() > settleThreads && System.nanoTime() < settleUntil) {
      Thread.sleep(500);
    }
    if (server.known()) {
      r.fact("threads_before", server.threads());
    }
    runGc(gc);
    long[] before = server.memoryKb();
    Pop3Connection[] open = new Pop3Connection[sessions];
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    runAll(
        openers,
        () -> {
          for (int i = next.getAndIncrement();
              i < sessions && System.nanoTime() < deadline;
              i = next.getAndIncrement()) {
            try {
              // From 127.0.0.2 on: address(0) is 127.0.0.1, where the server listens.
              String source = sources == 0 ? null : loopback.address(1 + i % sources);
              // Commands are short: a small output buffer keeps 100,000 sessions in a small heap.
              Pop3Connection c = Pop3Connection.open(host, port, 512, 128, source);
              open[i] = c;
              c.login(String.format(Locale.ROOT, userFormat, i), password);
            } catch (IOException | RuntimeException e) {
              r.fail(e);
              if (open[i] != null) {
                open[i].close();
                open[i] = null;
              }
            }
          }
        });
    double openSeconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(o.getLong("settle-ms", 3000));
    runGc(gc);
    long[] after = server.memoryKb();
    List<Long> logins = new ArrayList<>();
    int probeFailed = probeLogins(o, host, port, logins);
    // The NOOP storm: every idle session gets its NOOP before any reply is read, so the server
    // wakes them all at once. A reply is timed when the client reads it, after its thread has
    // sent all of its share: an upper bound of the server's latency.
    AtomicInteger answered = new AtomicInteger();
    long[] sentAt = new long[sessions];
    long[] readAt = new long[sessions];
    int shards = openers;
    long stormStart = System.nanoTime();
    runAll(
        shards,
        shard -> {
          for (int i = shard; i < sessions; i += shards) {
            if (open[i] == null) {
              continue;
            }
            try {
              sentAt[i] = System.nanoTime();
              open[i].send("NOOP");
              open[i].flush();
            } catch (IOException | RuntimeException e) {
              r.fail(e);
              open[i].close();
              open[i] = null;
            }
          }
          for (int i = shard; i < sessions; i += shards) {
            if (open[i] == null) {
              continue;
            }
            try {
              open[i].expectOk("NOOP", open[i].readLine());
              readAt[i] = System.nanoTime();
              answered.incrementAndGet();
              r.ok();
            } catch (IOException | RuntimeException e) {
              r.fail(e);
            }
          }
        });
    double stormSeconds = (System.nanoTime() - stormStart) / 1e9;
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      if (readAt[i] != 0) {
        latencies.add(readAt[i] - sentAt[i]);
      }
    }
    latencies.sort(null);
    AtomicInteger closer = new AtomicInteger();
    runAll(
        openers,
        () -> {
          for (int i = closer.getAndIncrement(); i < sessions; i = closer.getAndIncrement()) {
            if (open[i] != null) {
              try {
                open[i].command("QUIT");
              } catch (IOException | RuntimeException e) {
                // The figure is taken; a failed goodbye does not change it.
              }
              open[i].close();
            }
          }
        });
    long notOpened = sessions - r.ops.get();
    for (long i = 0; i < notOpened; i++) {
      r.fail(new IOException("session never opened (time limit)"));
    }
    for (int i = 0; i < logins.size(); i++) {
      r.ok();
    }
    for (int i = 0; i < probeFailed; i++) {
      r.fail(new IOException("a login session while idle sessions were held failed"));
    }
    r.fact("sources", sources);
    r.fact("answered", answered.get());
    r.fact("open_s", String.format(Locale.ROOT, "%.1f", openSeconds));
    r.fact("noop_storm_s", String.format(Locale.ROOT, "%.2f", stormSeconds));
    if (!latencies.isEmpty()) {
      r.figure("noop_p50_ms", SessionLoops.percentile(latencies, 0.50) / 1e6);
      r.figure("noop_p99_ms", SessionLoops.percentile(latencies, 0.99) / 1e6);
    }
    if (!logins.isEmpty()) {
      r.figure("login_p50_ms", SessionLoops.percentile(logins, 0.50) / 1e6);
      r.figure("login_p99_ms", SessionLoops.percentile(logins, 0.99) / 1e6);
      r.fact("login_sessions", logins.size());
    }
    if (server.known() && sessions > 0) {
      r.figure("pss_kb_per_session", (after[0] - before[0]) / (double) sessions);
      r.figure("rss_kb_per_session", (after[1] - before[1]) / (double) sessions);
      r.fact("server_pss_mb", after[0] / 1024);
    }
    return r;
  }

  /**
   * The new client: whole login sessions one after another for {@code --probe-seconds}, each timed
   * from connect to the server's close after QUIT; adds the sorted latencies to {@code logins} and
   * returns how many sessions failed.
   */
  private static int probeLogins(Options o, String host, int port, List<Long> logins)
      throws InterruptedException {
    String user = o.get("probe-user", "login-0");
    String password = o.get("password", "bench-pw");
    long until = System.nanoTime() + (long) (o.getDouble("probe-seconds", 5) * 1e9);
    int failed = 0;
    while (System.nanoTime() < until) {
      long t0 = System.nanoTime();
      try {
        SessionLoops.loginSession(host, port, user, password);
        logins.add(System.nanoTime() - t0);
      } catch (IOException | RuntimeException e) {
        failed++;
        System.err.println("login while idle sessions were held: " + e);
        Thread.sleep(10);
      }
    }
    logins.sort(null);
    return failed;
  }

  /**
   * Runs {@code --gc-cmd} (for a JVM server, {@code jcmd PID GC.run}) so that garbage left by
   * earlier scenarios is not counted as session memory; {@code none} skips it.
   */
  private static void runGc(String command) throws InterruptedException {
    if (command.equals("none")) {
      return;
    }
    try {
      Process p =
          new ProcessBuilder(command.split(" "))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (IOException e) {
      System.err.println("gc command failed: " + e);
    }
  }

  private static void runAll(int threads, Runnable work) throws InterruptedException {
    runAll(threads, shard -> work.run());
  }

  private static void runAll(int threads, IntConsumer work) throws InterruptedException {
    List<Thread> list = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int shard = i;
      Thread t = new Thread(() -> work.accept(shard), "idle-" + i);
      list.add(t);
      t.start();
    }
    for (Thread t : list) {
      t.join();
    }
  }
}
