package io.mdpop3j.bench.baseline;

import io.mdpop3j.bench.data.BenchMessages;
import io.mdpop3j.core.protocol.WireEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Core's {@link WireEncoder} against {@link LineCopyWireEncoder} in one JVM, batches interleaved,
 * timed by this thread's CPU time rather than the wall clock: on a machine shared with other work
 * the wall clock counts the time the thread waited for a core, CPU time does not. Prints, per
 * message size and dot share, the median GB/s of each (input octets per CPU second), the median of
 * the per-pair ratios, and the ceiling: the same steps copied with {@code System.arraycopy} alone,
 * no encoding.
 *
 * <p>{@code java -cp pop3-bench/target/benchmarks.jar
 * io.mdpop3j.bench.baseline.EncoderCpuComparison [pairs]}
 */
public final class EncoderCpuComparison {

  private static final int CHUNK = 32 * 1024;
  private static final int CORE = 0;
  private static final int BASELINE = 1;
  private static final int COPY = 2;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  // Read after the run so the JIT cannot drop the encoding as unused.
  private static int sink;

  private EncoderCpuComparison() {}

  /** Runs the comparison; the optional argument is the number of interleaved pairs (31). */
  public static void main(String[] args) {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 31;
    System.out.printf(
        Locale.ROOT,
        "java %s, %d pairs of batches, CPU time%n",
        System.getProperty("java.version"),
        pairs);
    for (int size : new int[] {10 * 1024 * 1024, 102_400, 2048}) {
      for (int dots : new int[] {0, 50}) {
        compare(BenchMessages.stored(1, size, dots), dots, pairs);
      }
    }
  }

  private static void compare(byte[] stored, int dots, int pairs) {
    byte[] out = new byte[WireEncoder.maxEncodedLength(CHUNK) + WireEncoder.MAX_FINISH_BYTES];
    int ops = Math.max(1, 40_000_000 / stored.length);
    for (int w = 0; w < 20; w++) {
      batch(CORE, stored, out, ops);
      batch(BASELINE, stored, out, ops);
      batch(COPY, stored, out, ops);
    }
    double[] core = new double[pairs];
    double[] base = new double[pairs];
    double[] ratio = new double[pairs];
    double[] copy = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      // Alternate which goes first so neither always runs on a warmer cache.
      long a;
      long b;
      if (p % 2 == 0) {
        a = batch(CORE, stored, out, ops);
        b = batch(BASELINE, stored, out, ops);
      } else {
        b = batch(BASELINE, stored, out, ops);
        a = batch(CORE, stored, out, ops);
      }
      copy[p] = (double) stored.length * ops / batch(COPY, stored, out, ops);
      core[p] = (double) stored.length * ops / a;
      base[p] = (double) stored.length * ops / b;
      ratio[p] = core[p] / base[p];
    }
    System.out.printf(
        Locale.ROOT,
        "size %8d dots %d %%: core %.2f GB/s (IQR %.2f-%.2f), line-copy baseline %.2f GB/s (IQR"
            + " %.2f-%.2f), ratio %.2f (IQR %.2f-%.2f), copy only %.2f GB/s%n",
        stored.length,
        dots / 10,
        median(core),
        quartile(core, 1),
        quartile(core, 3),
        median(base),
        quartile(base, 1),
        quartile(base, 3),
        median(ratio),
        quartile(ratio, 1),
        quartile(ratio, 3),
        median(copy));
    if (sink == 42) {
      System.out.print("");
    }
  }

  /** CPU nanoseconds for {@code ops} whole messages in 32 KiB steps. */
  private static long batch(int kind, byte[] stored, byte[] out, int ops) {
    long start = THREADS.getCurrentThreadCpuTime();
    int total = 0;
    for (int op = 0; op < ops; op++) {
      if (kind == COPY) {
        for (int off = 0; off < stored.length; off += CHUNK) {
          int n = Math.min(CHUNK, stored.length - off);
          System.arraycopy(stored, off, out, 0, n);
          total += out[n - 1];
        }
      } else if (kind == CORE) {
        WireEncoder encoder = new WireEncoder();
        for (int off = 0; off < stored.length; off += CHUNK) {
          total += encoder.encode(stored, off, Math.min(CHUNK, stored.length - off), out, 0);
        }
        total += encoder.finish(out, 0);
      } else {
        LineCopyWireEncoder encoder = new LineCopyWireEncoder();
        for (int off = 0; off < stored.length; off += CHUNK) {
          total += encoder.encode(stored, off, Math.min(CHUNK, stored.length - off), out, 0);
        }
        total += encoder.finish(out, 0);
      }
    }
    sink += total;
    return Math.max(1, THREADS.getCurrentThreadCpuTime() - start);
  }

  private static double median(double[] values) {
    return quartile(values, 2);
  }

  private static double quartile(double[] values, int q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * q / 4)];
  }
}
