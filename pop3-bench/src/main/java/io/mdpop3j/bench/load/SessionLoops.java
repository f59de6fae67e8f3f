package io.mdpop3j.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** {@code login} and {@code retr}: many clients looping whole sessions for a fixed time. */
final class SessionLoops {
  private SessionLoops() {}

  /** One whole session; returns payload octets retrieved. */
  private interface Session {
    long run(int client) throws IOException;
  }

  /**
   * {@code login}: connect, USER, PASS, STAT, QUIT, looped by {@code --clients} (16) for {@code
   * --seconds} (5) after {@code --warmup} (1): sessions/s, p50 and p99 in ms.
   */
  static Result login(Options o, ServerProcess server) throws InterruptedException {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("port"));
    String userFormat = o.get("user-format", "login-%d");
    String password = o.get("password", "bench-pw");
    Result r = new Result("login", o.require("server"));
    Session s =
        client -> {
          loginSession(host, port, String.format(userFormat, client), password);
          return 0;
        };
    long[] bytes = new long[1];
    List<Long> latencies = loop(o, r, server, o.getInt("clients", 16), s, bytes);
    double seconds = o.getDouble("seconds", 5);
    r.figure("sessions_per_s", latencies.size() / seconds);
    r.figure("p50_ms", percentile(latencies, 0.50) / 1e6);
    r.figure("p99_ms", percentile(latencies, 0.99) / 1e6);
    return r;
  }

  /** One login session: connect, USER, PASS, STAT (which must parse), QUIT. */
  static void loginSession(String host, int port, String user, String password) throws IOException {
    try (Pop3Connection c = Pop3Connection.open(host, port, 1024)) {
      c.login(user, password);
      String stat = c.command("STAT");
      List<String> f = List.of(stat.split(" ", 0));
      if (f.size() < 3) {
        throw new Pop3Connection.Pop3Failure("STAT reply malformed: " + stat);
      }
      Long.parseLong(f.get(1));
      Long.parseLong(f.get(2));
      c.quit();
    }
  }

  /**
   * {@code retr}: connect, USER, PASS, LIST 1, RETR 1, QUIT by {@code --clients} (4), each on its
   * own user's one-message Maildir; every octet is checked against the stored file and the LIST
   * size against its RFC 1939 size. MB/s of message payload (10^6 octets).
   */
  static Result retr(Options o, ServerProcess server) throws IOException, InterruptedException {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("port"));
    String userFormat = o.get("user-format", "retr-%d");
    String password = o.get("password", "bench-pw");
    boolean checkSize = !o.get("check-size", "yes").equals("no");
    boolean allowTrace = o.get("allow-trace-headers", "no").equals("yes");
    ExpectedMessages expected = ExpectedMessages.load(List.of(Path.of(o.require("expect-dir"))));
    if (expected.size() != 1) {
      throw new IllegalArgumentException("--expect-dir must hold exactly one message");
    }
    long id = expected.ids().iterator().next();
    long octets = expected.octets(id);
    Result r = new Result("retr", o.require("server"));
    if (!checkSize) {
      r.fact("size_check", "off");
    }
    if (allowTrace) {
      r.fact("trace_headers", "allowed");
    }
    Session s =
        client -> {
          try (Pop3Connection c = Pop3Connection.open(host, port, 256 * 1024)) {
            c.login(String.format(userFormat, client), password);
            String list = c.command("LIST 1");
            List<String> f = List.of(list.split(" ", 0));
            if (checkSize && (f.size() < 3 || Long.parseLong(f.get(2)) != octets)) {
              throw new Pop3Connection.Pop3Failure(
                  "LIST 1 said " + list + ", the message has " + octets + " octets");
            }
            c.command("RETR 1");
            c.readMessage(expected, allowTrace);
            c.quit();
          }
          return octets;
        };
    long[] bytes = new long[1];
    List<Long> latencies = loop(o, r, server, o.getInt("clients", 4), s, bytes);
    double seconds = o.getDouble("seconds", 5);
    r.figure("mb_per_s", bytes[0] / 1e6 / seconds);
    r.figure("p50_ms", percentile(latencies, 0.50) / 1e6);
    r.fact("sessions", latencies.size());
    return r;
  }

  /**
   * Runs {@code session} in {@code clients} threads: {@code --warmup} seconds uncounted, then
   * {@code --seconds} counted; sessions that end inside the counted window are the ones measured.
   */
  private static List<Long> loop(
      Options o, Result r, ServerProcess server, int clients, Session session, long[] bytes)
      throws InterruptedException {
    long warmupNanos = (long) (o.getDouble("warmup", 1) * 1e9);
    long measureNanos = (long) (o.getDouble("seconds", 5) * 1e9);
    long start = System.nanoTime();
    long measureFrom = start + warmupNanos;
    long measureTo = measureFrom + measureNanos;
    AtomicLong payload = new AtomicLong();
    List<List<Long>> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CpuWindow[] cpu = new CpuWindow[1];
    for (int i = 0; i < clients; i++) {
      int client = i;
      List<Long> mine = new ArrayList<>();
      perClient.add(mine);
      Thread t =
          new Thread(
              () -> {
                while (true) {
                  long t0 = System.nanoTime();
                  if (t0 >= measureTo) {
                    return;
                  }
                  try {
                    long got = session.run(client);
                    long t1 = System.nanoTime();
                    if (t1 >= measureFrom && t1 <= measureTo) {
                      mine.add(t1 - t0);
                      payload.addAndGet(got);
                      r.ok();
                    }
                  } catch (IOException | RuntimeException e) {
                    long t1 = System.nanoTime();
                    if (t1 >= measureFrom && t1 <= measureTo) {
                      r.fail(e);
                    }
                    try {
                      Thread.sleep(10);
                    } catch (InterruptedException ie) {
                      return;
                    }
                  }
                }
              },
              "client-" + i);
      threads.add(t);
      t.start();
    }
    long untilMeasure = measureFrom - System.nanoTime();
    if (untilMeasure > 0) {
      Thread.sleep(untilMeasure / 1_000_000, (int) (untilMeasure % 1_000_000));
    }
    cpu[0] = new CpuWindow(server);
    long untilEnd = measureTo - System.nanoTime();
    if (untilEnd > 0) {
      Thread.sleep(untilEnd / 1_000_000, (int) (untilEnd % 1_000_000));
    }
    cpu[0].report(r);
    for (Thread t : threads) {
      // A session in flight may take a read timeout at most.
      t.join(Pop3Connection.READ_TIMEOUT_MS + 5_000L);
      if (t.isAlive()) {
        t.interrupt();
        r.fail(new IOException("client thread still busy after the run"));
      }
    }
    List<Long> all = new ArrayList<>();
    perClient.forEach(all::addAll);
    all.sort(null);
    bytes[0] = payload.get();
    return all;
  }

  static double percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
