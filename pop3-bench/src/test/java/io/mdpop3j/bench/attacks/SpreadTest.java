package io.mdpop3j.bench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void theMedianOfAnOddSampleIsItsMiddleValue() {
    assertEquals(20.0, Spread.of(List.of(30.0, 10.0, 20.0)).median());
  }

  @Test
  void theMedianOfAnEvenSampleIsTheMeanOfTheMiddleTwo() {
    assertEquals(25.0, Spread.of(List.of(40.0, 10.0, 20.0, 30.0)).median());
  }

  @Test
  void percentilesInterpolateBetweenNeighbouringRanks() {
    Spread s = Spread.of(List.of(0.0, 10.0, 20.0, 30.0, 40.0));
    assertEquals(4.0, s.p10(), 1e-9);
    assertEquals(36.0, s.p90(), 1e-9);
  }

  @Test
  void anEmptySampleIsShownAsNone() {
    assertEquals("none", Spread.of(List.of()).format());
  }

  @Test
  void longTimesAreShownInWholeMillisecondsShortOnesWithADecimal() {
    assertEquals("2003 ms (2001–2010)", new Spread(2003.2, 2001.4, 2009.6, 21).format());
    assertEquals("0.6 ms (0.5–1.4)", new Spread(0.61, 0.5, 1.44, 21).format());
  }
}
