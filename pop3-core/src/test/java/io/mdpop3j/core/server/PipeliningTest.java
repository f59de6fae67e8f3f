package io.mdpop3j.core.server;

import static io.mdpop3j.core.testing.WireForm.ascii;
import static io.mdpop3j.core.testing.WireForm.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.wire.WireSize;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 2449 section 6.6: many commands in one packet, all answered in order. */
class PipeliningTest {
  private static final byte[] M1 = ascii("Subject: a\n\n.body\n");
  private static final long S1 = WireSize.of(M1);

  @Test
  void manyCommandsInOneWriteAreAllAnsweredInOrder() throws Exception {
    try (TestServer server = TestServer.start()) {
      String uid = server.store.deliver("alice", M1);
      try (RawClient c = RawClient.connect(server.port())) {
        c.readLine();
        c.sendRaw(
            ascii(
                "USER alice\r\nPASS secret\r\nSTAT\r\nLIST\r\nUIDL 1\r\nRETR 1\r\nTOP 1 0\r\n"
                    + "NOOP\r\nDELE 1\r\nSTAT\r\nRETR 1\r\nRSET\r\nCAPA\r\nBOGUS\r\nQUIT\r\n"));
        assertEquals("+OK", c.readLine());
        assertEquals("+OK Logged in.", c.readLine());
        assertEquals("+OK 1 " + S1, c.readLine());
        assertEquals("+OK 1 messages:", c.readLine());
        assertEquals(List.of("1 " + S1), c.readBody());
        assertEquals("+OK 1 " + uid, c.readLine());
        assertEquals("+OK " + S1 + " octets", c.readLine());
        assertEquals("Subject: a\r\n\r\n..body\r\n.\r\n", text(c.readRawBody()));
        assertEquals("+OK", c.readLine());
        assertEquals("Subject: a\r\n\r\n.\r\n", text(c.readRawBody()));
        assertEquals("+OK", c.readLine());
        assertEquals("+OK Marked to be deleted.", c.readLine());
        assertEquals("+OK 0 0", c.readLine());
        assertEquals("-ERR Message is deleted.", c.readLine());
        assertEquals("+OK Maildrop has 1 messages (" + S1 + " octets).", c.readLine());
        assertEquals("+OK Capability list follows", c.readLine());
        assertTrue(c.readBody().contains("PIPELINING"));
        assertEquals("-ERR Unknown command: BOGUS", c.readLine());
        assertEquals("+OK Logging out.", c.readLine());
        assertTrue(c.closedByServer());
      }
      assertEquals(1, server.store.messages("alice").size());
    }
  }

  @Test
  void largeListingsAndTheRepliesAfterThemArriveWholeAndInOrder() throws Exception {
    try (TestServer server = TestServer.start()) {
      int n = 3000; // well past the point where listings go through the large buffer
      java.util.List<String> uids = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        uids.add(server.store.deliver("alice", ascii("Subject: " + i + "\n\nbody " + i + "\n")));
      }
      try (RawClient c = RawClient.connect(server.port())) {
        c.readLine();
        c.sendRaw(ascii("USER alice\r\nPASS secret\r\nLIST\r\nUIDL\r\nRETR " + n + "\r\nQUIT\r\n"));
        assertEquals("+OK", c.readLine());
        assertEquals("+OK Logged in.", c.readLine());
        c.readLine();
        List<String> list = c.readBody();
        assertEquals(n, list.size());
        for (int i = 0; i < n; i += 499) {
          byte[] m = ascii("Subject: " + i + "\n\nbody " + i + "\n");
          assertEquals((i + 1) + " " + WireSize.of(m), list.get(i));
        }
        c.readLine();
        List<String> uidl = c.readBody();
        for (int i = 0; i < n; i++) {
          assertEquals((i + 1) + " " + uids.get(i), uidl.get(i));
        }
        assertTrue(c.readLine().startsWith("+OK "));
        assertEquals(
            "Subject: " + (n - 1) + "\r\n\r\nbody " + (n - 1) + "\r\n.\r\n", text(c.readRawBody()));
        assertEquals("+OK Logging out.", c.readLine());
      }
    }
  }

  @Test
  void anAuthContinuationCanBePipelinedWithTheCommandsAfterIt() throws Exception {
    try (TestServer server = TestServer.start();
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.sendRaw(ascii("AUTH PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\nSTAT\r\nQUIT\r\n"));
      assertEquals("+ ", c.readLine());
      assertEquals("+OK Logged in.", c.readLine());
      assertEquals("+OK 0 0", c.readLine());
      assertEquals("+OK Logging out.", c.readLine());
    }
  }

  @Test
  void aCommandSplitAcrossWritesIsReadWhole() throws Exception {
    try (TestServer server = TestServer.start();
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.sendRaw(ascii("US"));
      Thread.sleep(50);
      c.sendRaw(ascii("ER alice\r"));
      Thread.sleep(50);
      c.sendRaw(ascii("\nPASS secret\r\nST"));
      assertEquals("+OK", c.readLine());
      assertEquals("+OK Logged in.", c.readLine());
      c.sendRaw(ascii("AT\r\n"));
      assertEquals("+OK 0 0", c.readLine());
    }
  }

  @Test
  void pipelinedRepliesAreWrittenInBatchesNotFlushedOneByOne() {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("alice", M1);
    Pop3Server server =
        Pop3Server.builder()
            .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
            .mailStore(store)
            .authFailureDelay(Duration.ZERO)
            .build();
    StringBuilder script = new StringBuilder("USER alice\r\nPASS secret\r\n");
    for (int i = 0; i < 200; i++) {
      script.append("NOOP\r\nLIST 1\r\n");
    }
    script.append("QUIT\r\n");
    CountingOutput out = new CountingOutput();
    EndReason reason =
        server.serve(
            new ByteArrayInputStream(ascii(script.toString())),
            out,
            Optional.empty(),
            Optional.empty());
    assertEquals(EndReason.QUIT, reason);
    String wire = out.bytes.toString(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(
        2 + 400 + 1 + 1,
        wire.split("\r\n", -1).length - 1,
        "one reply line per command + greeting");
    assertTrue(wire.endsWith("+OK Logging out.\r\n"));
    // 404 reply lines came from one buffered read of input: a handful of writes, not hundreds.
    assertTrue(out.flushes <= 4, "flushes: " + out.flushes);
  }

  /** Records bytes and counts flushes. */
  private static final class CountingOutput extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int flushes;

    @Override
    public void write(int b) {
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    @Override
    public void flush() {
      flushes++;
    }
  }
}
