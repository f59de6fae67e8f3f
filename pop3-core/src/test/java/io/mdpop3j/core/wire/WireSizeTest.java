package io.mdpop3j.core.wire;

import static io.mdpop3j.core.testing.WireForm.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The octet counts RFC 1939 section 11 asks for in STAT, LIST and RETR. */
class WireSizeTest {

  @Test
  void countsBareLfAsCrLf() {
    assertEquals(8, WireSize.of(ascii("ab\ncd\n")));
  }

  @Test
  void countsCrLfOnce() {
    assertEquals(8, WireSize.of(ascii("ab\r\ncd\r\n")));
  }

  @Test
  void countsTheLineBreakAMissingFinalNewlineGets() {
    assertEquals(4, WireSize.of(ascii("ab")));
    assertEquals(4, WireSize.of(ascii("ab\r")));
  }

  @Test
  void doesNotCountDotStuffing() {
    assertEquals(3, WireSize.of(ascii(".\n")));
  }

  @Test
  void anEmptyMessageIsZeroOctets() {
    assertEquals(0, WireSize.of(new byte[0]));
  }

  @Test
  void aCrLfSplitAcrossUpdatesIsCountedOnce() {
    WireSize size = new WireSize();
    byte[] bytes = ascii("a\r\nb");
    size.update(bytes, 0, 2);
    size.update(bytes, 2, 2);
    assertEquals(6, size.size());
  }

  @Test
  void emptyUpdatesChangeNothing() {
    WireSize size = new WireSize();
    byte[] bytes = ascii("a\n");
    size.update(bytes, 0, 2);
    size.update(bytes, 2, 0);
    assertEquals(3, size.size());
  }

  @Test
  void streamAndArrayAgree() throws IOException {
    byte[] bytes = ascii("Subject: x\n\n.body\r\nlast");
    assertEquals(WireSize.of(bytes), WireSize.of(new ByteArrayInputStream(bytes)));
  }
}
