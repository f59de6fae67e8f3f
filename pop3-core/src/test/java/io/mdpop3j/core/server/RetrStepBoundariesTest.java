package io.mdpop3j.core.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.testing.WireForm;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RETR reads stored bytes in large steps and encodes each step in pieces that fit the free room of
 * the reply buffer; a CR, LF or line-start dot on either side of any of those cuts must come out
 * exactly as RFC 1939 section 3 says.
 */
class RetrStepBoundariesTest {

  /**
   * Bytes placed across every multiple of this (the server reads 128 KiB steps; 4 KiB divides it).
   */
  private static final int GRID = 4 * 1024;

  private static final int LENGTH = 3 * 128 * 1024 + 1000;

  private static final String[] AROUND_A_CUT = {
    "\r\n", "\n", "\r", ".", "\n.", "\r\n.", "\n..\n", "\r\r\n", "\n\n.", "x\r"
  };

  @Test
  void retrIsExactWhateverByteFallsOnEitherSideOfAStep() throws Exception {
    try (TestServer server = TestServer.start()) {
      int messages = 0;
      for (String pattern : AROUND_A_CUT) {
        for (int shift = -3; shift <= 2; shift++) {
          server.store.deliver("alice", messageWithAtEveryCut(pattern, shift));
          messages++;
        }
      }
      try (RawClient client = RawClient.login(server.port(), "alice", "secret")) {
        for (int i = 0; i < messages; i++) {
          byte[] stored = server.store.messages("alice").get(i).content();
          assertRetrieved(client, i + 1, stored);
        }
      }
    }
  }

  @Test
  void retrIsExactForLinesOfRandomLengthsAndEndings() throws Exception {
    try (TestServer server = TestServer.start()) {
      for (int seed = 1; seed <= 8; seed++) {
        server.store.deliver("alice", randomLines(new Random(seed), LENGTH + seed * 997));
      }
      try (RawClient client = RawClient.login(server.port(), "alice", "secret")) {
        for (int i = 0; i < 8; i++) {
          byte[] stored = server.store.messages("alice").get(i).content();
          assertRetrieved(client, i + 1, stored);
        }
      }
    }
  }

  private static void assertRetrieved(RawClient client, int number, byte[] stored)
      throws Exception {
    byte[] normalized = WireForm.normalized(stored);
    assertEquals("+OK " + normalized.length + " octets", client.command("RETR " + number));
    byte[] expected = WireForm.stuffedAndTerminated(normalized);
    assertArrayEquals(expected, client.readRawBody(), "message " + number);
  }

  /** Plain lines with {@code pattern} written across every multiple of {@link #GRID}. */
  private static byte[] messageWithAtEveryCut(String pattern, int shift) {
    byte[] m = randomLines(new Random(pattern.hashCode() * 31L + shift), LENGTH);
    byte[] p = pattern.getBytes(US_ASCII);
    for (int cut = GRID; cut + shift + p.length < m.length; cut += GRID) {
      System.arraycopy(p, 0, m, cut + shift, p.length);
    }
    return m;
  }

  /**
   * Lines of 0 to 120 bytes ending in LF, CRLF or a lone CR, a tenth of them starting with a dot.
   */
  private static byte[] randomLines(Random random, int length) {
    byte[] m = new byte[length];
    int i = 0;
    while (i < length) {
      if (random.nextInt(10) == 0) {
        m[i++] = '.';
      }
      int n = random.nextInt(121);
      for (int k = 0; k < n && i < length; k++) {
        m[i++] = (byte) ('a' + random.nextInt(26));
      }
      int ending = random.nextInt(4);
      if (ending == 0 && i < length) {
        m[i++] = '\r';
      }
      if (ending != 3 && i < length) {
        m[i++] = '\n';
      } else if (i < length) {
        m[i++] = '\r';
      }
    }
    return m;
  }
}
