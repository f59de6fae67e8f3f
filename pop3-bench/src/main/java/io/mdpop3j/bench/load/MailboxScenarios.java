package io.mdpop3j.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code bigbox} and {@code drain}: one client on one large Maildir. */
final class MailboxScenarios {
  private MailboxScenarios() {}

  /**
   * {@code bigbox}: two sessions one after the other on {@code --user}, each timing connect+login+
   * STAT, UIDL, LIST and QUIT. The first is the first open (the script removed every index and
   * cache before), the second a later open. STAT, UIDL and LIST must agree with {@code
   * --expect-count} and {@code --expect-octets}, and the unique-ids must be unique.
   */
  static Result bigbox(Options o, ServerProcess server) {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("port"));
    String user = o.require("user");
    String password = o.get("password", "bench-pw");
    long count = o.getLong("expect-count", -1);
    long octets = o.getLong("expect-octets", -1);
    Result r = new Result(o.get("label", "bigbox"), o.require("server"));
    CpuWindow cpu = new CpuWindow(server);
    int timeout = o.getInt("read-timeout-ms", Pop3Connection.READ_TIMEOUT_MS);
    for (String pass : new String[] {"first", "second"}) {
      try (Pop3Connection c = Pop3Connection.open(host, port, 256 * 1024)) {
        c.readTimeout(timeout);
        long t0 = System.nanoTime();
        c.login(user, password);
        String stat = c.command("STAT");
        long t1 = System.nanoTime();
        List<String> f = List.of(stat.split(" ", 0));
        long n = Long.parseLong(f.get(1));
        long m = Long.parseLong(f.get(2));
        check(count < 0 || n == count, "STAT count " + n + ", expected " + count);
        check(octets < 0 || m == octets, "STAT octets " + m + ", expected " + octets);
        c.command("UIDL");
        Set<String> uids = new HashSet<>();
        int[] bad = new int[1];
        int uidLines =
            c.readLines(
                line -> {
                  int sp = line.indexOf(' ');
                  if (sp < 0 || !uids.add(line.substring(sp + 1))) {
                    bad[0]++;
                  }
                });
        long t2 = System.nanoTime();
        check(uidLines == n && bad[0] == 0, "UIDL gave " + uidLines + " lines, " + bad[0] + " bad");
        c.command("LIST");
        long[] sum = new long[1];
        int listLines =
            c.readLines(line -> sum[0] += Long.parseLong(line.substring(line.indexOf(' ') + 1)));
        long t3 = System.nanoTime();
        check(listLines == n && sum[0] == m, "LIST gave " + listLines + " lines of " + sum[0]);
        c.quit();
        long t4 = System.nanoTime();
        r.figure(pass + "_open_s", (t1 - t0) / 1e9);
        r.figure(pass + "_uidl_s", (t2 - t1) / 1e9);
        r.figure(pass + "_list_s", (t3 - t2) / 1e9);
        r.figure(pass + "_quit_s", (t4 - t3) / 1e9);
        r.ok();
      } catch (IOException | RuntimeException e) {
        r.fail(e);
      }
    }
    cpu.report(r);
    return r;
  }

  /**
   * {@code warm-open}: the open right after a session moved every message from new/ to cur/. The
   * script left {@code --user}'s Maildir ({@code --maildir}) with every message in new/ and no
   * index or cache. Session 1 logs in, STATs and QUITs, untimed; then cur/ must hold {@code
   * --expect-count} files and new/ none. Session 2 times connect+login+STAT ({@code warm_open_s}).
   * Both STATs must agree with {@code --expect-count} and {@code --expect-octets}.
   */
  static Result warmOpen(Options o, ServerProcess server) {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("port"));
    String user = o.require("user");
    String password = o.get("password", "bench-pw");
    long count = Long.parseLong(o.require("expect-count"));
    long octets = Long.parseLong(o.require("expect-octets"));
    Path maildir = Path.of(o.require("maildir"));
    int timeout = o.getInt("read-timeout-ms", Pop3Connection.READ_TIMEOUT_MS);
    Result r = new Result(o.get("label", "warm-open"), o.require("server"));
    try {
      long t0 = System.nanoTime();
      try (Pop3Connection c = Pop3Connection.open(host, port, 4096)) {
        c.readTimeout(timeout);
        c.login(user, password);
        checkStat(c.command("STAT"), count, octets);
        c.quit();
      }
      long t1 = System.nanoTime();
      // A server may answer QUIT before its renames are visible; give them a bounded while.
      long[] files = folderCounts(maildir);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while ((files[0] != count || files[1] != 0) && System.nanoTime() < deadline) {
        Thread.sleep(100);
        files = folderCounts(maildir);
      }
      check(
          files[0] == count && files[1] == 0,
          "after session 1 cur/ holds "
              + files[0]
              + " and new/ "
              + files[1]
              + ", expected "
              + count
              + " and 0");
      CpuWindow cpu = new CpuWindow(server);
      long t2 = System.nanoTime();
      try (Pop3Connection c = Pop3Connection.open(host, port, 4096)) {
        c.readTimeout(timeout);
        c.login(user, password);
        String stat = c.command("STAT");
        long t3 = System.nanoTime();
        checkStat(stat, count, octets);
        c.quit();
        r.figure("warm_open_s", (t3 - t2) / 1e9);
      }
      r.figure("move_session_s", (t1 - t0) / 1e9);
      cpu.report(r);
      r.ok();
    } catch (IOException | RuntimeException e) {
      r.fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r.fail(e);
    }
    return r;
  }

  private static void checkStat(String stat, long count, long octets)
      throws Pop3Connection.Pop3Failure {
    List<String> f = List.of(stat.split(" ", 0));
    check(
        f.size() >= 3
            && f.get(1).equals(Long.toString(count))
            && f.get(2).equals(Long.toString(octets)),
        "STAT said " + stat + ", expected " + count + " messages of " + octets + " octets");
  }

  /** The number of entries in {@code maildir}'s cur/ and new/. */
  private static long[] folderCounts(Path maildir) throws IOException {
    long[] n = new long[2];
    try (Stream<Path> cur = Files.list(maildir.resolve("cur"));
        Stream<Path> fresh = Files.list(maildir.resolve("new"))) {
      n[0] = cur.count();
      n[1] = fresh.count();
    }
    return n;
  }

  /**
   * {@code drain}: one session empties {@code --user}'s Maildir: STAT, UIDL, then RETR and DELE of
   * every message, then QUIT; with {@code --pipeline yes} all commands are sent without waiting
   * (RFC 2449 PIPELINING). Each message is checked byte for byte against {@code --expect-dir}; a
   * second session must then find the mailbox empty. Before the timed phase the client RETRs the
   * first {@code --client-warmup} (2000) messages untimed, to warm its own JIT. Messages/s over the
   * RETR+DELE phase, and the QUIT time.
   */
  static Result drain(Options o, ServerProcess server) throws IOException {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("port"));
    String user = o.require("user");
    String password = o.get("password", "bench-pw");
    boolean pipeline = o.get("pipeline", "no").equals("yes");
    ExpectedMessages expected = ExpectedMessages.load(List.of(Path.of(o.require("expect-dir"))));
    Result r = new Result(pipeline ? "drain-pipelined" : "drain", o.require("server"));
    CpuWindow cpu = null;
    try (Pop3Connection c = Pop3Connection.open(host, port, 256 * 1024)) {
      c.login(user, password);
      String stat = c.command("STAT");
      int n = Integer.parseInt(stat.split(" ", 0)[1]);
      check(n == expected.size(), "STAT says " + n + " messages, expected " + expected.size());
      c.command("UIDL");
      check(c.readLines(line -> {}) == n, "UIDL line count");
      // Untimed warm-up: this client's JVM is fresh, and a drain lasts under a second, so without
      // it the client's JIT compilation would be measured. RETR without DELE changes nothing.
      int warm = Math.min(n, o.getInt("client-warmup", 2000));
      for (int i = 1; i <= warm; i++) {
        c.send("RETR " + i);
        c.flush();
        c.expectOk("RETR " + i, c.readLine());
        c.readMessage(expected);
      }
      r.fact("client_warmup_retr", warm);
      Set<Long> seen = new HashSet<>();
      cpu = new CpuWindow(server);
      long t0 = System.nanoTime();
      Thread sender = null;
      if (pipeline) {
        sender =
            new Thread(
                () -> {
                  try {
                    for (int i = 1; i <= n; i++) {
                      c.send("RETR " + i);
                      c.send("DELE " + i);
                    }
                    c.flush();
                  } catch (IOException e) {
                    // The reader sees the broken connection.
                  }
                },
                "pipeline-sender");
        sender.start();
      }
      for (int i = 1; i <= n; i++) {
        try {
          if (!pipeline) {
            c.send("RETR " + i);
            c.flush();
          }
          String status = c.expectOk("RETR " + i, c.readLine());
          long id = c.readMessage(expected);
          List<String> f = List.of(status.split(" ", 0));
          check(
              f.size() < 2
                  || !isNumber(f.get(1))
                  || Long.parseLong(f.get(1)) == expected.octets(id),
              "RETR " + i + " said " + status + ", message has " + expected.octets(id));
          check(seen.add(id), "message " + id + " sent twice");
          if (!pipeline) {
            c.send("DELE " + i);
            c.flush();
          }
          c.expectOk("DELE " + i, c.readLine());
          r.ok();
        } catch (Pop3Connection.Pop3Failure e) {
          r.fail(e);
        }
      }
      long t1 = System.nanoTime();
      if (sender != null) {
        joinQuietly(sender);
      }
      c.quit();
      long t2 = System.nanoTime();
      r.figure("msgs_per_s", n / ((t1 - t0) / 1e9));
      r.figure("quit_s", (t2 - t1) / 1e9);
      cpu.report(r);
    } catch (IOException | RuntimeException e) {
      r.fail(e);
    }
    try (Pop3Connection c = Pop3Connection.open(host, port, 4096)) {
      c.login(user, password);
      String stat = c.command("STAT");
      check(stat.startsWith("+OK 0 "), "after QUIT the mailbox still holds: " + stat);
      c.quit();
    } catch (IOException | RuntimeException e) {
      r.fail(e);
    }
    return r;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static void check(boolean condition, String what) throws Pop3Connection.Pop3Failure {
    if (!condition) {
      throw new Pop3Connection.Pop3Failure(what);
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
