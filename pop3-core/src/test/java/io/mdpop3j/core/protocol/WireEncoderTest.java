package io.mdpop3j.core.protocol;

import static io.mdpop3j.core.testing.WireForm.ascii;
import static io.mdpop3j.core.testing.WireForm.encode;
import static io.mdpop3j.core.testing.WireForm.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire form of RFC 1939 section 3, produced while streaming. */
class WireEncoderTest {

  private static String wire(String stored, Integer... chunks) {
    return text(encode(ascii(stored), List.of(chunks)));
  }

  @Test
  void bareLineFeedsBecomeCrLf() {
    assertEquals("a\r\nb\r\n.\r\n", wire("a\nb\n"));
  }

  @Test
  void existingCrLfIsKeptAsIs() {
    assertEquals("a\r\nb\r\n.\r\n", wire("a\r\nb\r\n"));
  }

  @Test
  void mixedLineEndsAllComeOutAsCrLf() {
    assertEquals("a\r\nb\r\nc\r\n.\r\n", wire("a\r\nb\nc\r\n"));
  }

  @Test
  void aLineStartingWithADotGetsOneMoreDot() {
    assertEquals("..\r\n..x\r\na.b\r\n...\r\n.\r\n", wire(".\n.x\na.b\n..\n"));
  }

  @Test
  void theFirstLineIsALineStartToo() {
    assertEquals("..hidden\r\n.\r\n", wire(".hidden\n"));
  }

  @Test
  void dotStuffingWorksAcrossChunkBoundaries() {
    // The chunk ends right after the line break; the dot opens the next chunk.
    assertEquals("a\r\n..b\r\n.\r\n", wire("a\n.b\n", 2));
    // The chunk ends between CR and LF; the dot still counts as a line start.
    assertEquals("a\r\n..b\r\n.\r\n", wire("a\r\n.b\r\n", 2));
    // One byte at a time.
    assertEquals("a\r\n..b\r\n..\r\n.\r\n", wire("a\n.b\n.\n", 1));
  }

  @Test
  void crLfSplitAcrossChunksIsNotDoubled() {
    assertEquals("ab\r\ncd\r\n.\r\n", wire("ab\r\ncd\r\n", 3, 1));
  }

  @Test
  void aMissingFinalNewlineGetsCrLf() {
    assertEquals("no newline\r\n.\r\n", wire("no newline"));
    assertEquals("a\r\n..\r\n.\r\n", wire("a\n."));
  }

  @Test
  void aMessageEndingInABareCrGetsOnlyTheLf() {
    assertEquals("abc\r\n.\r\n", wire("abc\r"));
    assertEquals("abc\r\n.\r\n", wire("abc\r", 1));
  }

  @Test
  void anEmptyMessageSendsOnlyTheTerminator() {
    assertEquals(".\r\n", wire(""));
  }

  @Test
  void aMessageOfOneNewlineIsOneEmptyLine() {
    assertEquals("\r\n.\r\n", wire("\n"));
  }

  @Test
  void aBareCrInsideALineIsPassedThroughAndStartsNoLine() {
    // A CR alone is not a line break: no CRLF is made of it and a dot after it is not stuffed.
    assertEquals("a\rb\r\nx\r.y\r\n.\r\n", wire("a\rb\nx\r.y\n"));
  }

  @Test
  void crCrLfKeepsTheFirstCr() {
    assertEquals("a\r\r\n.\r\n", wire("a\r\r\n"));
  }

  @Test
  void aTerminatorInsideTheMessageCannotEndTheReplyEarly() {
    String out = wire("one\r\n.\r\ntwo\n.\n");
    assertEquals("one\r\n..\r\ntwo\r\n..\r\n.\r\n", out);
    assertEquals(out.length() - 5, out.indexOf("\r\n.\r\n"));
  }

  @Test
  void outputStaysWithinTheDocumentedBound() {
    byte[] worst = ascii("\n\n\n\n");
    byte[] dst = new byte[WireEncoder.maxEncodedLength(worst.length)];
    int n = new WireEncoder().encode(worst, 0, worst.length, dst, 0);
    assertEquals(8, n);
    byte[] dots = ascii(".\n.\n");
    int m = new WireEncoder().encode(dots, 0, dots.length, dst, 0);
    assertTrue(m <= WireEncoder.maxEncodedLength(dots.length));
    assertEquals("..\r\n..\r\n", text(java.util.Arrays.copyOf(dst, m)));
  }

  @Test
  void encodeWritesAtTheGivenOffsets() {
    byte[] src = ascii("xx.a\nyy");
    byte[] dst = new byte[20];
    int n = new WireEncoder().encode(src, 2, 3, dst, 5);
    assertEquals(5, n);
    assertEquals("..a\r\n", text(java.util.Arrays.copyOfRange(dst, 5, 10)));
  }
}
