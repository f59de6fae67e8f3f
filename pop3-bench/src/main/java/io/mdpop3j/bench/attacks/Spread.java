package io.mdpop3j.bench.attacks;

import java.util.List;
import java.util.Locale;

/** The median and the 10th to 90th percentile of a sample, in milliseconds. */
record Spread(double median, double p10, double p90, int n) {

  static Spread of(List<Double> millis) {
    if (millis.isEmpty()) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Spread(
        quantile(sorted, 0.5), quantile(sorted, 0.1), quantile(sorted, 0.9), sorted.length);
  }

  /** Linear interpolation between the closest ranks. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** {@code 2003 ms (1998–2010)}, or {@code none} for an empty sample. */
  String format() {
    if (n == 0) {
      return "none";
    }
    return String.format(Locale.ROOT, "%s ms (%s–%s)", ms(median), ms(p10), ms(p90));
  }

  private static String ms(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
