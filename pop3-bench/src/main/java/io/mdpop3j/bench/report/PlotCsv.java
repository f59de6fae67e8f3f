package io.mdpop3j.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@code series,x,y} file (see {@link SeriesCsv}) as an 800x500 PNG line chart, one line
 * per series, with the JDK alone (headless AWT and ImageIO).
 *
 * <p>Usage: {@code PlotCsv --title T --x-label X --y-label Y [--log-x] [--log-y] in.csv out.png}
 */
public final class PlotCsv {

  private static final String USAGE =
      "usage: PlotCsv --title T --x-label X --y-label Y [--log-x] [--log-y] in.csv out.png";

  private PlotCsv() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    String title = "";
    String xLabel = "";
    String yLabel = "";
    boolean logX = false;
    boolean logY = false;
    List<String> files = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--title" -> title = value(args, ++i);
          case "--x-label" -> xLabel = value(args, ++i);
          case "--y-label" -> yLabel = value(args, ++i);
          case "--log-x" -> logX = true;
          case "--log-y" -> logY = true;
          default -> {
            if (args[i].startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + args[i]);
            }
            files.add(args[i]);
          }
        }
      }
      if (files.size() != 2) {
        throw new IllegalArgumentException("expected in.csv and out.png, got " + files);
      }
      plot(Path.of(files.get(0)), Path.of(files.get(1)), title, xLabel, yLabel, logX, logY);
    } catch (IllegalArgumentException e) {
      System.err.println("PlotCsv: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  /** Reads {@code in}, draws it, and writes {@code out} as PNG. */
  public static void plot(
      Path in, Path out, String title, String xLabel, String yLabel, boolean logX, boolean logY)
      throws IOException {
    List<SeriesCsv.Series> series = SeriesCsv.parse(Files.readAllLines(in, StandardCharsets.UTF_8));
    Chart chart = new Chart(series, title, xLabel, yLabel, logX, logY);
    if (!ImageIO.write(chart.draw(), "png", out.toFile())) {
      throw new IOException("this JDK has no PNG writer");
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
