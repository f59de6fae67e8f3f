package io.mdpop3j.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a chart: the range it shows, its ticks, and where a value lands between two pixel
 * positions. A log axis spans whole decades with a tick on each (and on 2 and 5 times each, when it
 * spans two or fewer); a linear one starts at zero (or below, for negative data) and ticks at 1, 2
 * or 5 times a power of ten.
 */
final class Axis {

  private final boolean log;
  private final double lo;
  private final double hi;
  private final List<Double> ticks = new ArrayList<>();

  Axis(double min, double max, boolean log) {
    this.log = log;
    if (log) {
      if (min <= 0) {
        throw new IllegalArgumentException(
            "a log axis needs values above 0, the data has " + Axis.label(min));
      }
      lo = Math.floor(Math.log10(min));
      double top = Math.ceil(Math.log10(max));
      hi = top > lo ? top : lo + 1;
      // Two decades or fewer leave too few labels: add 2 and 5 times each power of ten.
      double[] steps = hi - lo <= 2 ? new double[] {1, 2, 5} : new double[] {1};
      for (double d = lo; d <= hi + 1e-9; d++) {
        for (double m : steps) {
          if (d + Math.log10(m) <= hi + 1e-9) {
            ticks.add(m * Math.pow(10, d));
          }
        }
      }
    } else {
      double from = Math.min(0, min);
      double to = max > from ? max : from + 1;
      double step = niceStep((to - from) / 5);
      lo = Math.floor(from / step) * step;
      hi = Math.ceil(to / step) * step;
      for (int i = 0; lo + i * step <= hi + step * 1e-9; i++) {
        ticks.add(lo + i * step);
      }
    }
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  List<Double> ticks() {
    return ticks;
  }

  /** Where {@code v} lands when the axis runs from pixel {@code from} to pixel {@code to}. */
  double toPixel(double v, double from, double to) {
    double t = log ? (Math.log10(v) - lo) / (hi - lo) : (v - lo) / (hi - lo);
    return from + t * (to - from);
  }

  /** A short label: 1k, 10k, 100k, 1M, 2.5, 0.01. */
  static String label(double v) {
    double a = Math.abs(v);
    if (a >= 1e9) {
      return plain(v / 1e9) + "G";
    }
    if (a >= 1e6) {
      return plain(v / 1e6) + "M";
    }
    if (a >= 1e3) {
      return plain(v / 1e3) + "k";
    }
    return plain(v);
  }

  private static String plain(double v) {
    if (v == 0) {
      return "0";
    }
    return BigDecimal.valueOf(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
