package io.mdpop3j.bench.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV of two curves becomes a PNG with each point drawn in its series' colour. */
class PlotCsvTest {

  private static final String CSV =
      """
      series,x,y
      dovecot,1000,0.004
      mdpop3j,1000,0.002
      dovecot,1000000,3.5
      mdpop3j,1000000,1.25
      dovecot,10000,0.03
      mdpop3j,10000,0.02
      """;

  @TempDir Path dir;

  @Test
  void writesAnImageWithEachPointInItsSeriesColour() throws Exception {
    Path in = dir.resolve("in.csv");
    Path out = dir.resolve("out.png");
    Files.writeString(in, CSV, UTF_8);

    PlotCsv.plot(in, out, "growth", "messages", "seconds", true, true);

    BufferedImage img = ImageIO.read(out.toFile());
    assertEquals(Chart.WIDTH, img.getWidth());
    assertEquals(Chart.HEIGHT, img.getHeight());
    assertEquals(Color.WHITE.getRGB(), img.getRGB(2, 2), "the background is white");
    List<SeriesCsv.Series> series = SeriesCsv.parse(Files.readAllLines(in, UTF_8));
    Chart chart = new Chart(series, "growth", "messages", "seconds", true, true);
    for (int i = 0; i < series.size(); i++) {
      int colour = Chart.PALETTE[i].getRGB();
      for (SeriesCsv.Point p : series.get(i).points()) {
        Point2D at = chart.pixelOf(p.x(), p.y());
        assertEquals(
            colour,
            img.getRGB((int) Math.round(at.getX()), (int) Math.round(at.getY())),
            series.get(i).name() + " at " + p);
      }
    }
  }

  @Test
  void logAxesPutDecadesAtEqualDistances() {
    List<SeriesCsv.Series> series = SeriesCsv.parse(List.of(CSV.split("\n", -1)));
    Chart chart = new Chart(series, "t", "x", "y", true, true);
    double a = chart.pixelOf(1000, 1).getX();
    double b = chart.pixelOf(10_000, 1).getX();
    double c = chart.pixelOf(100_000, 1).getX();
    assertEquals(b - a, c - b, 1e-9);
    assertTrue(b > a, "x grows to the right");
    assertTrue(chart.pixelOf(1000, 1).getY() < chart.pixelOf(1000, 0.1).getY(), "y grows upwards");
  }

  @Test
  void seriesKeepTheirFirstOrderAndPointsAreSortedByX() {
    List<SeriesCsv.Series> series = SeriesCsv.parse(List.of(CSV.split("\n", -1)));
    assertEquals(
        List.of("dovecot", "mdpop3j"), series.stream().map(SeriesCsv.Series::name).toList());
    assertEquals(
        List.of(1000.0, 10000.0, 1000000.0),
        series.get(0).points().stream().map(SeriesCsv.Point::x).toList());
  }

  @Test
  void ticksReadAsThousandsAndMillions() {
    assertEquals("1k", Axis.label(1000));
    assertEquals("10k", Axis.label(10_000));
    assertEquals("100k", Axis.label(100_000));
    assertEquals("1M", Axis.label(1_000_000));
    assertEquals("0.01", Axis.label(0.01));
    assertEquals("2.5", Axis.label(2.5));
  }

  @Test
  void aNarrowLogAxisAlsoTicksAtTwoAndFive() {
    assertEquals(List.of(0.1, 0.2, 0.5, 1.0), new Axis(0.15, 0.9, true).ticks());
    assertEquals(List.of(1.0, 10.0, 100.0, 1000.0, 10000.0), new Axis(1, 1e4, true).ticks());
  }

  @Test
  void aWrongHeaderIsRefusedWithTheLineItHad() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SeriesCsv.parse(List.of("name,n,seconds", "a,1,2")));
    assertTrue(e.getMessage().contains("name,n,seconds"), e.getMessage());
  }

  @Test
  void aLogAxisRefusesZero() {
    List<SeriesCsv.Series> series = SeriesCsv.parse(List.of("series,x,y", "a,0,1", "a,10,2"));
    assertThrows(
        IllegalArgumentException.class, () -> new Chart(series, "t", "x", "y", true, false));
  }
}
