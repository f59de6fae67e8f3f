package io.mdpop3j.core.server;

import static io.mdpop3j.core.testing.WireForm.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.testing.RawClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single-session runner: inetd over a socket or streams, and pre-authenticated sessions. */
class SingleSessionTest {
  private final MemoryMailStore store = new MemoryMailStore();
  private final Pop3Server server =
      Pop3Server.builder()
          .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
          .mailStore(store)
          .authFailureDelay(Duration.ZERO)
          .build();

  private String serve(String input, Optional<Account> preauthenticated, EndReason expected) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EndReason reason =
        server.serve(
            new ByteArrayInputStream(ascii(input)), out, Optional.empty(), preauthenticated);
    assertEquals(expected, reason);
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void aPreauthenticatedSessionStartsInTransaction() {
    store.deliver("alice", ascii("Subject: x\n\nhi\n"));
    String out =
        serve("STAT\r\nDELE 1\r\nQUIT\r\n", Optional.of(Account.named("alice")), EndReason.QUIT);
    assertEquals(
        "+OK Logged in.\r\n+OK 1 18\r\n+OK Marked to be deleted.\r\n"
            + "+OK Logging out, messages deleted.\r\n",
        out);
    assertEquals(0, store.messages("alice").size());
  }

  @Test
  void aPreauthenticatedSessionWhoseMailboxIsLockedEndsAtOnce() {
    try (var held = assertOpen(store, "alice")) {
      String out =
          serve("STAT\r\n", Optional.of(Account.named("alice")), EndReason.MAILBOX_UNAVAILABLE);
      assertEquals("-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n", out);
    }
  }

  @Test
  void streamsEndingWithoutQuitDeleteNothing() {
    store.deliver("alice", ascii("Subject: x\n\nhi\n"));
    String out =
        serve("USER alice\r\nPASS secret\r\nDELE 1\r\n", Optional.empty(), EndReason.DISCONNECTED);
    assertTrue(out.startsWith("+OK mdpop3j ready.\r\n+OK\r\n+OK Logged in.\r\n"), out);
    assertEquals(1, store.messages("alice").size());
  }

  @Test
  void serveRunsOneSessionOnAnAcceptedSocket() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<EndReason> served =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = listener.accept()) {
                  return server.serve(s, false);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (RawClient c = RawClient.login(listener.getLocalPort(), "alice", "secret")) {
        assertEquals("+OK 0 0", c.command("STAT"));
        assertEquals("+OK Logging out.", c.command("QUIT"));
      }
      assertEquals(EndReason.QUIT, served.get(10, TimeUnit.SECONDS));
    }
  }

  private static io.mdpop3j.core.spi.Mailbox assertOpen(MemoryMailStore store, String user) {
    try {
      return store.open(null, Account.named(user));
    } catch (io.mdpop3j.core.spi.MailStoreException e) {
      throw new AssertionError(e);
    }
  }
}
