package io.mdpop3j.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server under test as the kernel sees it: one process and its descendants (Dovecot's master
 * with its login, auth and pop3 processes; a JVM alone). Reads {@code /proc}; absent pid, every
 * figure is -1.
 */
final class ServerProcess {
  /** Clock ticks per second of {@code /proc/PID/stat} times (USER_HZ, 100 on Linux). */
  private static final double TICKS = 100.0;

  private final long pid;

  ServerProcess(long pid) {
    this.pid = pid;
  }

  boolean known() {
    return pid > 0;
  }

  private List<Long> tree() {
    List<Long> pids = new ArrayList<>();
    ProcessHandle.of(pid)
        .ifPresent(
            p -> {
              pids.add(p.pid());
              p.descendants().forEach(d -> pids.add(d.pid()));
            });
    return pids;
  }

  /** Threads of the whole tree, from {@code /proc/PID/status}. */
  int threads() {
    int n = 0;
    for (long p : tree()) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
          if (line.startsWith("Threads:")) {
            n += Integer.parseInt(line.substring(8).trim());
          }
        }
      } catch (IOException | RuntimeException e) {
        // Gone meanwhile.
      }
    }
    return n;
  }

  /** {Pss, Rss} in KiB summed over the tree, from {@code smaps_rollup}. */
  long[] memoryKb() {
    if (!known()) {
      return new long[] {-1, -1};
    }
    long pss = 0;
    long rss = 0;
    for (long p : tree()) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + p + "/smaps_rollup"))) {
          if (line.startsWith("Pss:")) {
            pss += kb(line);
          } else if (line.startsWith("Rss:")) {
            rss += kb(line);
          }
        }
      } catch (IOException e) {
        // The process ended while we looked; its memory is gone too.
      }
    }
    return new long[] {pss, rss};
  }

  private static long kb(String line) {
    List<String> parts = List.of(line.trim().split("\\s+", 0));
    return Long.parseLong(parts.get(1));
  }

  /**
   * CPU seconds used by the tree so far: the root's own and its reaped children's (Dovecot's
   * finished session processes), plus each live descendant's own.
   */
  double cpuSeconds() {
    if (!known()) {
      return -1;
    }
    long ticks = 0;
    for (long p : tree()) {
      try {
        // readAllLines reads to the end: one read of a /proc file may come back short (gVisor).
        String stat = String.join(" ", Files.readAllLines(Path.of("/proc/" + p + "/stat")));
        List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" ", 0));
        // After the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14).
        ticks += Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
        if (p == pid) {
          ticks += Long.parseLong(f.get(13)) + Long.parseLong(f.get(14));
        }
      } catch (IOException | RuntimeException e) {
        // Gone meanwhile.
      }
    }
    return ticks / TICKS;
  }

  /** This load generator's own CPU seconds. */
  static double clientCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(-1.0);
  }
}
