package io.mdpop3j.bench.report;

import io.mdpop3j.bench.report.SeriesCsv.Point;
import io.mdpop3j.bench.report.SeriesCsv.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** A line chart of some series: one coloured line with round markers each, a legend, two axes. */
final class Chart {

  static final int WIDTH = 800;
  static final int HEIGHT = 500;

  /** Series colours in order; distinguishable, and none is grey like the grid. */
  static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
  };

  private static final int LEFT = 80;
  private static final int RIGHT = WIDTH - 180;
  private static final int TOP = 50;
  private static final int BOTTOM = HEIGHT - 60;
  private static final int MARKER = 4;

  private final List<Series> series;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final Axis x;
  private final Axis y;

  Chart(
      List<Series> series, String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.series = series;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    double[] xs = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).toArray();
    double[] ys = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::y).toArray();
    this.x = new Axis(min(xs), max(xs), logX);
    this.y = new Axis(min(ys), max(ys), logY);
  }

  /** The pixel at the centre of the marker of data point ({@code px}, {@code py}). */
  Point2D pixelOf(double px, double py) {
    return new Point2D.Double(x.toPixel(px, LEFT, RIGHT), y.toPixel(py, BOTTOM, TOP));
  }

  BufferedImage draw() {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      axes(g);
      for (int i = 0; i < series.size(); i++) {
        curve(g, series.get(i), PALETTE[i % PALETTE.length]);
      }
      legend(g);
    } finally {
      g.dispose();
    }
    return img;
  }

  private void axes(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (double t : x.ticks()) {
      int px = (int) Math.round(x.toPixel(t, LEFT, RIGHT));
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(px, TOP, px, BOTTOM);
      g.setColor(Color.BLACK);
      g.drawLine(px, BOTTOM, px, BOTTOM + 5);
      String s = Axis.label(t);
      g.drawString(s, px - fm.stringWidth(s) / 2, BOTTOM + 8 + fm.getAscent());
    }
    for (double t : y.ticks()) {
      int py = (int) Math.round(y.toPixel(t, BOTTOM, TOP));
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, py, RIGHT, py);
      g.setColor(Color.BLACK);
      g.drawLine(LEFT - 5, py, LEFT, py);
      String s = Axis.label(t);
      g.drawString(s, LEFT - 8 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP);
    g.drawString(xLabel, (LEFT + RIGHT - fm.stringWidth(xLabel)) / 2, HEIGHT - 15);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(TOP + BOTTOM + fm.stringWidth(yLabel)) / 2, 20);
    g.setTransform(saved);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    FontMetrics tm = g.getFontMetrics();
    g.drawString(title, (WIDTH - tm.stringWidth(title)) / 2, TOP - 18);
  }

  private void curve(Graphics2D g, Series s, Color c) {
    g.setColor(c);
    g.setStroke(new BasicStroke(2f));
    Path2D.Double line = new Path2D.Double();
    for (Point p : s.points()) {
      Point2D at = pixelOf(p.x(), p.y());
      if (line.getCurrentPoint() == null) {
        line.moveTo(at.getX(), at.getY());
      } else {
        line.lineTo(at.getX(), at.getY());
      }
    }
    g.draw(line);
    for (Point p : s.points()) {
      Point2D at = pixelOf(p.x(), p.y());
      g.fillOval(
          (int) Math.round(at.getX()) - MARKER,
          (int) Math.round(at.getY()) - MARKER,
          2 * MARKER + 1,
          2 * MARKER + 1);
    }
  }

  private void legend(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    int row = TOP + 10;
    for (int i = 0; i < series.size(); i++) {
      Color c = PALETTE[i % PALETTE.length];
      g.setColor(c);
      g.setStroke(new BasicStroke(2f));
      g.drawLine(RIGHT + 15, row, RIGHT + 45, row);
      g.fillOval(RIGHT + 30 - MARKER, row - MARKER, 2 * MARKER + 1, 2 * MARKER + 1);
      g.setColor(Color.BLACK);
      g.drawString(series.get(i).name(), RIGHT + 52, row + fm.getAscent() / 2 - 1);
      row += 22;
    }
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) {
      m = Math.min(m, d);
    }
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return m;
  }
}
