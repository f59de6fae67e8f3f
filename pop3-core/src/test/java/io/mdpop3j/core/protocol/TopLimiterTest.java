package io.mdpop3j.core.protocol;

import static io.mdpop3j.core.testing.WireForm.ascii;
import static io.mdpop3j.core.testing.WireForm.encodeTop;
import static io.mdpop3j.core.testing.WireForm.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TOP msg n (RFC 1939 section 7): the header, the blank line, then at most n body lines. */
class TopLimiterTest {

  private static final String MESSAGE = "From: a\nSubject: s\n\nline1\nline2\nline3\n";

  private static String top(String stored, long lines, Integer... chunks) {
    return text(encodeTop(ascii(stored), List.of(chunks), lines));
  }

  @Test
  void sendsTheHeaderTheBlankLineAndKBodyLines() {
    assertEquals("From: a\r\nSubject: s\r\n\r\nline1\r\nline2\r\n.\r\n", top(MESSAGE, 2));
  }

  @Test
  void zeroLinesSendsTheHeaderAndTheBlankLineOnly() {
    assertEquals("From: a\r\nSubject: s\r\n\r\n.\r\n", top(MESSAGE, 0));
  }

  @Test
  void aCrLfBlankLineEndsTheHeaderToo() {
    assertEquals("A: 1\r\n\r\nb1\r\n.\r\n", top("A: 1\r\n\r\nb1\r\nb2\r\n", 1));
  }

  @Test
  void aMessageWithoutABlankLineIsAllHeader() {
    assertEquals("A: 1\r\nB: 2\r\n.\r\n", top("A: 1\nB: 2\n", 0));
  }

  @Test
  void aBodyShorterThanKIsSentWhole() {
    assertEquals("A: 1\r\n\r\nonly\r\n.\r\n", top("A: 1\n\nonly\n", 10));
    assertEquals("A: 1\r\n\r\nonly\r\n.\r\n", top("A: 1\n\nonly", 10));
  }

  @Test
  void bodyLinesAreDotStuffed() {
    assertEquals("A: 1\r\n\r\n..dot\r\n.\r\n", top("A: 1\n\n.dot\nmore\n", 1));
  }

  @Test
  void theLimitHoldsWhateverTheChunking() {
    String whole = top(MESSAGE, 1);
    assertEquals(whole, top(MESSAGE, 1, 1));
    assertEquals(whole, top(MESSAGE, 1, 3, 5));
  }

  @Test
  void reportsDoneAndAcceptsNothingAfterTheLimit() {
    TopLimiter limiter = new TopLimiter(0);
    byte[] bytes = ascii("H: v\n\nbody\n");
    assertEquals(6, limiter.accept(bytes, 0, bytes.length));
    assertTrue(limiter.isDone());
    assertEquals(0, limiter.accept(bytes, 0, bytes.length));
  }

  @Test
  void isNotDoneWhileTheHeaderGoesOn() {
    TopLimiter limiter = new TopLimiter(0);
    byte[] bytes = ascii("H: v\n");
    assertEquals(5, limiter.accept(bytes, 0, bytes.length));
    assertFalse(limiter.isDone());
  }

  @Test
  void refusesANegativeLineCount() {
    assertThrows(IllegalArgumentException.class, () -> new TopLimiter(-1));
  }
}
