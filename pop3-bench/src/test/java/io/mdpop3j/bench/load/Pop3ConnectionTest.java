package io.mdpop3j.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.bench.data.BenchMessages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client must refuse anything but the exact bytes, over a real socket. */
class Pop3ConnectionTest {

  @TempDir Path dir;

  @Test
  void readMessageAcceptsTheExactWireForm() throws Exception {
    byte[] stored = BenchMessages.stored(77, 50_000, 50);
    ExpectedMessages expected = expectedOf(stored);
    byte[] wire = BenchMessages.wire(stored);
    assertEquals(77, fetch(expected, wire));
  }

  @Test
  void readMessageRefusesOneChangedOctet() throws Exception {
    byte[] stored = BenchMessages.stored(78, 50_000, 50);
    ExpectedMessages expected = expectedOf(stored);
    byte[] wire = BenchMessages.wire(stored);
    wire[40_000] ^= 1;
    Pop3Connection.Pop3Failure e =
        assertThrows(Pop3Connection.Pop3Failure.class, () -> fetch(expected, wire));
    assertTrue(e.getMessage().contains("differs at wire octet"), e.getMessage());
  }

  @Test
  void readMessageRefusesAMissingDotStuffing() throws Exception {
    byte[] stored = BenchMessages.stored(79, 5_000, 1000);
    ExpectedMessages expected = expectedOf(stored);
    byte[] unstuffed =
        new String(BenchMessages.wire(stored), StandardCharsets.ISO_8859_1)
            .replace("\r\n..", "\r\n.")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(Pop3Connection.Pop3Failure.class, () -> fetch(expected, unstuffed));
  }

  @Test
  void replyLinesMustEndInCrlf() throws Exception {
    assertThrows(
        Pop3Connection.Pop3Failure.class,
        () -> serveOnce("+OK hello\n".getBytes(StandardCharsets.US_ASCII), c -> 0L));
  }

  @Test
  void expectedOctetsAreTheRfc1939Size() throws Exception {
    byte[] stored = "X-Bench-Id: 5 300 0\n.a\nb".getBytes(StandardCharsets.US_ASCII);
    ExpectedMessages expected = expectedOf(stored);
    // 19+CRLF, .a+CRLF (no stuffing counted), b plus the CRLF a last line gets.
    assertEquals(21 + 4 + 3, expected.octets(5));
    assertFalse(expected.ids().isEmpty());
  }

  @Test
  void failuresAboveOnePerThousandWithholdTheFigures() {
    Result ok = new Result("login", "x");
    Result refused = new Result("login", "x");
    for (int i = 0; i < 998; i++) {
      ok.ok();
      refused.ok();
    }
    ok.ok();
    ok.fail(new IOException("one"));
    refused.fail(new IOException("one"));
    refused.fail(new IOException("two"));
    assertTrue(ok.acceptable());
    assertFalse(refused.acceptable());
  }

  private ExpectedMessages expectedOf(byte[] stored) throws IOException {
    Path cur = Files.createDirectories(dir.resolve("cur-" + System.nanoTime()));
    Files.write(cur.resolve("m"), stored);
    return ExpectedMessages.load(List.of(cur));
  }

  private long fetch(ExpectedMessages expected, byte[] wire) throws Exception {
    byte[] head = "+OK ready\r\n+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + wire.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(wire, 0, all, head.length, wire.length);
    return serveOnce(
        all,
        c -> {
          c.command("RETR 1");
          return c.readMessage(expected);
        });
  }

  private interface ClientAction {
    long run(Pop3Connection c) throws IOException;
  }

  /** A one-connection server on 127.0.0.1 that sends {@code bytes} and reads what comes. */
  private static long serveOnce(byte[] bytes, ClientAction action) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  OutputStream out = s.getOutputStream();
                  out.write(bytes);
                  out.flush();
                  s.getInputStream().readAllBytes();
                } catch (IOException e) {
                  // The client closed first.
                }
              });
      t.start();
      try (Pop3Connection c = Pop3Connection.open("127.0.0.1", server.getLocalPort(), 4096)) {
        return action.run(c);
      } finally {
        t.join(5_000);
      }
    }
  }
}
