package io.mdpop3j.core.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.testing.RawClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fixed limits: line length, bad commands in a row, sessions, and mailbox snapshot size. */
class LimitsTest {
  static final String TOO_LONG = "-ERR Input line too long.";
  static final String TOO_MANY_BAD = "-ERR Too many bad commands.";
  static final String TOO_MANY_SESSIONS = "-ERR [SYS/TEMP] Too many connections, try again later.";

  private final MemoryMailStore store = new MemoryMailStore();
  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "s3cret");

  private Pop3Server start(Pop3ServerBuilder builder) throws Exception {
    Pop3Server server = builder.build();
    server.start();
    return server;
  }

  @Test
  void lineOf2048OctetsWithItsCrlfIsAccepted() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      String line = "NOPE " + "x".repeat(2048 - 2 - 5);

      assertEquals("-ERR Unknown command: NOPE", c.command(line));
      c.expectOk(c.command("CAPA"));
    }
  }

  @Test
  void lineOf2049OctetsSentInOneWriteIsRefusedAndClosed() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();

      assertEquals(TOO_LONG, c.command("NOPE " + "x".repeat(2049 - 2 - 5)));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void lineOf3000OctetsSentInOneWriteIsRefusedAndClosed() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();

      assertEquals(TOO_LONG, c.command("PASS " + "x".repeat(3000)));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void endlessLineIsRefusedWithoutReadingItAll() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      CompletableFuture<Long> sender =
          CompletableFuture.supplyAsync(
              () -> {
                long sent = 0;
                byte[] chunk = "y".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                try {
                  OutputStream out = c.socket().getOutputStream();
                  while (sent < 512L * 1024 * 1024) {
                    out.write(chunk);
                    sent += chunk.length;
                  }
                } catch (IOException e) {
                  // The server closed the connection: what we expect.
                }
                return sent;
              });

      assertEquals(TOO_LONG, c.readLine());
      long sent = sender.get(20, TimeUnit.SECONDS);
      assertTrue(sent < 64L * 1024 * 1024, "the server let the client send " + sent + " octets");
    }
  }

  @Test
  void twentiethBadCommandInARowClosesTheSession() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      for (int i = 1; i < 20; i++) {
        assertEquals("-ERR Unknown command: BOGUS", c.command("BOGUS " + i), "command " + i);
      }

      assertEquals(TOO_MANY_BAD, c.command("BOGUS 20"));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void badCommandsPipelinedInOneWriteGetNineteenAnswersThenTheClose() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.sendRaw("LIST\r\n".repeat(30).getBytes(StandardCharsets.US_ASCII));

      for (int i = 1; i < 20; i++) {
        assertEquals("-ERR LIST is not allowed before login.", c.readLine(), "reply " + i);
      }
      assertEquals(TOO_MANY_BAD, c.readLine());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void aGoodCommandResetsTheBadCommandCount() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      for (int round = 0; round < 3; round++) {
        for (int i = 1; i < 20; i++) {
          assertTrue(c.command("BOGUS").startsWith("-ERR Unknown"));
        }
        c.expectOk(c.command("CAPA"));
        c.readBody();
      }
    }
  }

  @Test
  void invalidUserNamesSpendTheBadCommandBudgetButFailedLoginsDoNot() throws Exception {
    try (Pop3Server server =
            start(Servers.plain(auth, store).maxBadCommands(3).maxFailedLogins(10));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.command("USER alice");
      assertTrue(c.command("PASS wrong").startsWith("-ERR [AUTH] Authentication failed."));
      c.command("USER bob");
      assertTrue(c.command("PASS wrong").startsWith("-ERR [AUTH] Authentication failed."));
      assertEquals("-ERR [AUTH] Invalid user name.", c.command("USER a/b"));
      assertEquals("-ERR [AUTH] Invalid user name.", c.command("USER ../x"));

      assertEquals(TOO_MANY_BAD, c.command("USER c/d"));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void badCommandBudgetIsConfigurable() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).maxBadCommands(2));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertTrue(c.command("BOGUS").startsWith("-ERR Unknown"));

      assertEquals(TOO_MANY_BAD, c.command("BOGUS"));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void connectionBeyondMaxSessionsIsRefusedWithSysTempAndClosed() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).maxSessions(2));
        RawClient first = RawClient.connect(server.port());
        RawClient second = RawClient.connect(server.port())) {
      first.expectOk(first.readLine());
      second.expectOk(second.readLine());

      try (RawClient third = RawClient.connect(server.port())) {
        assertEquals(TOO_MANY_SESSIONS, third.readLine());
        assertTrue(third.closedByServer());
      }

      first.expectOk(first.command("QUIT"));
      assertTrue(Servers.await(Duration.ofSeconds(5), () -> server.activeSessions() == 1));
      try (RawClient again = RawClient.connect(server.port())) {
        again.expectOk(again.readLine());
      }
      second.expectOk(second.command("CAPA"));
    }
  }

  @Test
  void connectionBeyondMaxSessionsOnTheTlsPortIsClosedWithoutCleartext() throws Exception {
    try (Pop3Server server = start(Servers.withTls(auth, store).maxSessions(1));
        RawClient first = RawClient.over(Servers.connectTls(server))) {
      first.expectOk(first.readLine());

      try (Socket refused = new Socket(InetAddress.getLoopbackAddress(), server.tlsPort())) {
        refused.setSoTimeout(10_000);
        assertEquals(-1, refused.getInputStream().read(), "closed at once, nothing sent");
      }
    }
  }

  @Test
  void maxSessionsPerAddressCountsEachClientAddressApart() throws Exception {
    try (Pop3Server server =
            start(Servers.plain(auth, store).maxSessionsPerAddress(1).maxSessions(10));
        RawClient first = RawClient.connect(server.port())) {
      first.expectOk(first.readLine());

      try (RawClient sameAddress = RawClient.connect(server.port())) {
        assertEquals(TOO_MANY_SESSIONS, sameAddress.readLine());
        assertTrue(sameAddress.closedByServer());
      }

      Socket other = new Socket();
      try {
        other.bind(new InetSocketAddress("127.0.0.2", 0));
      } catch (IOException e) {
        other.close();
        assumeTrue(false, "cannot bind 127.0.0.2 here: " + e);
      }
      other.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      try (RawClient otherAddress = RawClient.over(other)) {
        otherAddress.expectOk(otherAddress.readLine());
      }
    }
  }

  @Test
  void maxMessagesKeepsTheOldestMessagesInTheSnapshot() throws Exception {
    List<String> uids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      uids.add(store.deliver("alice", ("Subject: " + i + "\r\n\r\nbody\r\n").getBytes(UTF_8)));
    }
    try (Pop3Server server = start(Servers.plain(auth, store).maxMessages(3));
        RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      assertTrue(c.command("STAT").startsWith("+OK 3 "));
      c.expectOk(c.command("UIDL"));
      assertEquals(
          List.of("1 " + uids.get(0), "2 " + uids.get(1), "3 " + uids.get(2)), c.readBody());
      assertTrue(c.command("RETR 4").startsWith("-ERR"));
      c.expectOk(c.command("QUIT"));
    }
    assertEquals(5, store.messages("alice").size());
  }

  @Test
  void maxBytesKeepsTheOldestMessagesThatFit() throws Exception {
    byte[] hundred = ("Subject: x\r\n\r\n" + "z".repeat(84) + "\r\n").getBytes(UTF_8);
    assertEquals(100, hundred.length);
    for (int i = 0; i < 4; i++) {
      store.deliver("alice", hundred);
    }
    try (Pop3Server server = start(Servers.plain(auth, store).maxBytes(250));
        RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      assertEquals("+OK 2 200", c.command("STAT"));
    }
  }
}
