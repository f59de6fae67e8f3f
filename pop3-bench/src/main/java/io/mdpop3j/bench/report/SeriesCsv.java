package io.mdpop3j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the benchmark's curve files: a header {@code series,x,y}, then one point per line. Series
 * keep the order of their first line; points are sorted by x so a line joins them left to right.
 */
public final class SeriesCsv {

  /** The only header accepted. */
  public static final String HEADER = "series,x,y";

  /** One point of a curve. */
  public record Point(double x, double y) {}

  /** One named curve, its points sorted by x. */
  public record Series(String name, List<Point> points) {}

  private SeriesCsv() {}

  /**
   * The series of {@code lines}, a whole file; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line, when the header or a line is malformed
   */
  public static List<Series> parse(List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new IllegalArgumentException(
          "the first line must be '"
              + HEADER
              + "', got '"
              + (lines.isEmpty() ? "" : lines.get(0))
              + "'");
    }
    Map<String, List<Point>> bySeries = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 3 || f[0].isEmpty()) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": expected series,x,y, got '" + line + "'");
      }
      try {
        Point p = new Point(Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
          throw new NumberFormatException("not finite");
        }
        bySeries.computeIfAbsent(f[0], k -> new ArrayList<>()).add(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": x and y must be finite numbers, got '" + line + "'", e);
      }
    }
    if (bySeries.isEmpty()) {
      throw new IllegalArgumentException("no points after the header");
    }
    List<Series> out = new ArrayList<>();
    bySeries.forEach(
        (name, points) -> {
          points.sort((a, b) -> Double.compare(a.x(), b.x()));
          out.add(new Series(name, List.copyOf(points)));
        });
    return List.copyOf(out);
  }
}
