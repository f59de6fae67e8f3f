package io.mdpop3j.core.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.GeneratedMailStore;
import io.mdpop3j.core.testing.TestServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** RETR of a 100 MB message streams it: the server never reads far ahead of the client. */
class LargeMessageStreamingTest {

  private static final long LENGTH = 100L * 1024 * 1024;

  @Test
  void retrOfA100MegabyteMessageIsStreamedExactly() throws Exception {
    GeneratedMailStore store = new GeneratedMailStore(LENGTH);
    long expectedCrc = crcOfNormalized(store.content());
    try (TestServer server = TestServer.over(store, b -> b);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(30_000);
      // One buffered stream for status lines and body alike, so no body byte is lost in between.
      InputStream in = new BufferedInputStream(socket.getInputStream(), 256 * 1024);
      OutputStream out = socket.getOutputStream();
      assertTrue(line(in).startsWith("+OK"));
      out.write("USER alice\r\nPASS secret\r\nLIST 1\r\nRETR 1\r\n".getBytes(US_ASCII));
      assertEquals("+OK", line(in));
      assertEquals("+OK Logged in.", line(in));
      assertEquals("+OK 1 " + store.wireSize(), line(in));
      assertEquals("+OK " + store.wireSize() + " octets", line(in));

      // Read 1 MB, then stop reading: a streaming server stalls on the full socket buffers.
      BodyCounter counter = new BodyCounter();
      counter.consume(in, 1024 * 1024);
      Thread.sleep(300);
      long readAhead = store.bytesRead.get();
      System.out.println("stored bytes read while the client had taken 1 MiB: " + readAhead);
      assertTrue(
          readAhead < 40L * 1024 * 1024,
          "the server read " + readAhead + " stored bytes while the client had taken 1 MB");

      counter.consume(in, Long.MAX_VALUE);
      counter.drain();
      assertTrue(counter.terminated, "ended with CRLF . CRLF");
      assertEquals(store.wireSize(), counter.octets, "octets before stuffing = announced size");
      assertEquals(expectedCrc, counter.crc.getValue(), "content after un-stuffing");
      assertEquals(LENGTH, store.bytesRead.get());
      out.write("QUIT\r\n".getBytes(US_ASCII));
      assertEquals("+OK Logging out.", line(in));
      assertEquals(store.wireSize(), server.awaitEnd().stats().bytesRetrieved());
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.append((char) b);
    }
    assertTrue(line.length() > 0 && line.charAt(line.length() - 1) == '\r', "CRLF: " + line);
    return line.substring(0, line.length() - 1);
  }

  /**
   * CRC of the stored bytes with LF made CRLF (the generator writes no CR), CRLF added to an
   * unterminated last line, no stuffing.
   */
  private static long crcOfNormalized(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[64 * 1024];
    byte[] out = new byte[128 * 1024];
    byte last = '\n';
    int n;
    while ((n = in.read(buf)) > 0) {
      last = buf[n - 1];
      int o = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          out[o++] = '\r';
        }
        out[o++] = buf[i];
      }
      crc.update(out, 0, o);
    }
    if (last != '\n') {
      crc.update(new byte[] {'\r', '\n'});
    }
    return crc.getValue();
  }

  /**
   * Reads a multi-line body block by block: un-stuffs dots, counts the octets RFC 1939 section 11
   * counts, and stops at {@code CRLF . CRLF}.
   */
  private static final class BodyCounter {
    final CRC32 crc = new CRC32();
    long octets;
    boolean terminated;
    private boolean lineStart = true;
    private boolean dotLine;
    private int pendingCr;
    private final byte[] buf = new byte[256 * 1024];

    void consume(InputStream in, long limit) throws IOException {
      long taken = 0;
      while (!terminated && taken < limit) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, limit - taken));
        if (n < 0) {
          throw new IOException("stream ended inside the message");
        }
        taken += n;
        for (int i = 0; i < n && !terminated; i++) {
          accept(buf[i]);
        }
      }
    }

    private void accept(byte b) {
      if (lineStart) {
        lineStart = false;
        if (b == '.') {
          dotLine = true; // a stuffed dot, or the terminator if CRLF follows at once
          return;
        }
      }
      if (dotLine) {
        dotLine = false;
        if (b == '\r') {
          pendingCr = 1;
          return;
        }
      }
      if (pendingCr == 1) {
        if (b == '\n') {
          terminated = true;
          return;
        }
        // Cannot happen: a stuffed line never starts with "." CR and non-LF in this message.
        put((byte) '\r');
        pendingCr = 0;
      }
      put(b);
      if (b == '\n') {
        lineStart = true;
      }
    }

    private final byte[] out = new byte[64 * 1024];
    private int used;

    private void put(byte b) {
      out[used++] = b;
      octets++;
      if (used == out.length) {
        drain();
      }
    }

    void drain() {
      crc.update(out, 0, used);
      used = 0;
    }
  }
}
