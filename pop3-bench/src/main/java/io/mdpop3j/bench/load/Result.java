package io.mdpop3j.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one scenario measured on one server, printed as one {@code RESULT key=value ...} line. When
 * more than 0.1 % of operations failed, or none ran, the figures are withheld.
 */
final class Result {

  /** The most failures tolerated per operation before figures are withheld. */
  static final double MAX_FAILURE_SHARE = 0.001;

  private final String scenario;
  private final String server;
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final Map<String, String> facts = new LinkedHashMap<>();
  final AtomicLong ops = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();

  Result(String scenario, String server) {
    this.scenario = scenario;
    this.server = server;
  }

  /** Counts one operation that succeeded. */
  void ok() {
    ops.incrementAndGet();
  }

  /** Counts one operation that failed, keeping the first error's text. */
  void fail(Throwable e) {
    ops.incrementAndGet();
    failed.incrementAndGet();
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    firstError.compareAndSet(null, text);
  }

  /**
   * A measured figure, withheld when too many operations failed. Below 1 it keeps three significant
   * digits, so a few milliseconds are not rounded to one.
   */
  Result figure(String key, double value) {
    String format = value >= 100 ? "%.0f" : value >= 1 || value == 0 ? "%.3f" : "%.3g";
    figures.put(key, String.format(Locale.ROOT, format, value));
    return this;
  }

  /** A fact about the run, always printed (counts, settings). */
  Result fact(String key, Object value) {
    facts.put(key, String.valueOf(value).replace(' ', '_'));
    return this;
  }

  boolean acceptable() {
    long n = ops.get();
    return n > 0 && failed.get() <= n * MAX_FAILURE_SHARE;
  }

  /** Prints the line to standard output and returns whether figures were printed. */
  boolean print() {
    StringBuilder sb = new StringBuilder("RESULT scenario=").append(scenario);
    sb.append(" server=").append(server);
    boolean ok = acceptable();
    sb.append(" status=").append(ops.get() == 0 ? "error" : ok ? "ok" : "refused");
    if (ok) {
      figures.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    }
    facts.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(" ops=").append(ops.get()).append(" failed=").append(failed.get());
    String err = firstError.get();
    if (err != null) {
      sb.append(" first_error=\"").append(err.replace('"', '\'').replace('\n', ' ')).append('"');
    }
    System.out.println(sb);
    System.out.flush();
    return ok;
  }
}
