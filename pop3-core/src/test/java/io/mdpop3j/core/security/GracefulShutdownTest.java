package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.RawClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Pop3Server#close()} drains: it stops accepting, ends idle sessions at once, lets running
 * commands finish within the grace period, then cuts off the rest; nothing is deleted for a session
 * that did not say QUIT.
 */
@Timeout(60)
class GracefulShutdownTest {

  static final String SHUTTING_DOWN = "-ERR Server shutting down.";

  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "s3cret");

  @Test
  void idleSessionsAreEndedAtOnceWithAReplyAndNothingIsDeleted() throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("alice", "Subject: 1\r\n\r\none\r\n".getBytes(StandardCharsets.US_ASCII));
    store.deliver("alice", "Subject: 2\r\n\r\ntwo\r\n".getBytes(StandardCharsets.US_ASCII));
    Pop3Server server = Servers.plain(auth, store).shutdownGrace(Duration.ofSeconds(10)).build();
    server.start();
    int port = server.port();
    try (RawClient loggedIn = RawClient.login(port, "alice", "s3cret");
        RawClient anonymous = RawClient.connect(port)) {
      anonymous.readLine();
      loggedIn.expectOk(loggedIn.command("DELE 1"));
      loggedIn.expectOk(loggedIn.command("DELE 2"));

      long start = System.nanoTime();
      server.close();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 3000, "close() took " + millis + " ms with only idle sessions");
      assertEquals(SHUTTING_DOWN, loggedIn.readLine());
      assertTrue(loggedIn.closedByServer());
      assertEquals(SHUTTING_DOWN, anonymous.readLine());
      assertTrue(anonymous.closedByServer());
    }
    assertEquals(2, store.messages("alice").size());
    assertThrows(
        ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
  }

  @Test
  void sessionsBusyWithCommandsEndAfterTheirCurrentCommandWithoutWaitingForTheGrace()
      throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    MemoryAuthenticator many = new MemoryAuthenticator();
    int clients = 20;
    for (int i = 0; i < clients; i++) {
      many.addUser("u" + i, "pw");
    }
    Pop3Server server = Servers.plain(many, store).shutdownGrace(Duration.ofSeconds(20)).build();
    server.start();
    List<CompletableFuture<String>> lastReplies = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      RawClient c = RawClient.login(server.port(), "u" + i, "pw");
      lastReplies.add(
          CompletableFuture.supplyAsync(
              () -> {
                try (c) {
                  String reply;
                  do {
                    reply = c.command("NOOP");
                  } while (reply != null && reply.startsWith("+OK"));
                  return reply;
                } catch (IOException e) {
                  return e.toString();
                }
              },
              task -> new Thread(task).start()));
    }
    Thread.sleep(300);

    long start = System.nanoTime();
    server.close();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(millis < 5000, "close() took " + millis + " ms; NOOPs take no time");
    for (CompletableFuture<String> reply : lastReplies) {
      assertEquals(SHUTTING_DOWN, reply.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void idleTlsSessionIsEndedAtOnceWithAReply() throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    // A TLS session keeps its thread, blocked in a read, so only the closer can end it. The grace
    // is far longer than the client's read time-out: a session the closer took for busy would get
    // its reply only after the grace, and the read below fails. No clock is read, so a slow run
    // (PIT's instrumentation, a loaded machine) cannot fail it while the behaviour is right.
    Pop3Server server = Servers.withTls(auth, store).shutdownGrace(Duration.ofHours(1)).build();
    server.start();
    try (RawClient c = RawClient.over(Servers.connectTls(server))) {
      c.expectOk(c.readLine());

      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

      assertEquals(SHUTTING_DOWN, c.readLine());
      assertTrue(c.closedByServer());
      closing.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRetrInProgressIsFinishedBeforeTheSessionIsEnded() throws Exception {
    // About 1 MB read in 64 KiB pieces with 100 ms pauses: a RETR of some 1.6 s.
    GeneratedMailStore store = new GeneratedMailStore(Duration.ofMillis(100), 1_000_000, 500);
    Pop3Server server = Servers.plain(auth, store).shutdownGrace(Duration.ofSeconds(10)).build();
    server.start();
    try (RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      c.expectOk(c.command("DELE 2"));
      c.expectOk(c.command("RETR 1"));
      long start = System.nanoTime();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

      byte[] body = c.readRawBody();

      assertEquals(store.size(0) + 3, body.length, "the whole message and its final dot");
      assertEquals(SHUTTING_DOWN, c.readLine());
      assertTrue(c.closedByServer());
      closing.get(15, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 9000, "close() took " + millis + " ms");
    }
    assertEquals(0, store.updates(), "DELE without QUIT deletes nothing");
    assertEquals(1, store.closes());
  }

  @Test
  void aCommandThatOutlastsTheGracePeriodIsCutOff() throws Exception {
    // About 4 MB in 64 KiB pieces with 500 ms pauses: a RETR of half a minute.
    GeneratedMailStore store = new GeneratedMailStore(Duration.ofMillis(500), 4_000_000, 500);
    Pop3Server server = Servers.plain(auth, store).shutdownGrace(Duration.ofMillis(500)).build();
    server.start();
    try (RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      c.expectOk(c.command("DELE 2"));
      c.expectOk(c.command("RETR 1"));

      long start = System.nanoTime();
      server.close();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 4000, "close() took " + millis + " ms with a grace of 500 ms");
      assertThrows(IOException.class, c::readRawBody, "the message was cut off");
    }
    assertTrue(Servers.await(Duration.ofSeconds(5), () -> store.closes() == 1));
    assertEquals(0, store.updates());
  }
}
