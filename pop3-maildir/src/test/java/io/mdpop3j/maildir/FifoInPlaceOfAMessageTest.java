package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.RawClient;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write the Maildir puts a FIFO where a message was. Opening a FIFO for reading
 * waits for a writer, so a server that opened it would hang the session, and keep the Maildir
 * locked, until a writer came. A message file is never waited on: a FIFO is refused at once and the
 * message treated as gone.
 */
@Timeout(60)
class FifoInPlaceOfAMessageTest {

  static final String FIRST = "1700000001.M1P1.host";
  static final String SECOND = "1700000002.M2P1.host";
  static final String BODY = "Subject: one\n\nfirst message\n";

  @TempDir Path home;
  TestMaildir maildir;
  Pop3Server server;
  Path fifo;

  @BeforeEach
  void start() throws Exception {
    maildir = TestMaildir.create(home);
    maildir.put("cur", FIRST + ":2,", BODY, 1);
    maildir.put("cur", SECOND + ":2,", "Subject: two\n\nsecond\n", 2);
    fifo = home.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    server = AliceServer.builder(home).build();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    // A server thread stuck in open() of the FIFO is freed by a writer (an O_RDWR open never
    // waits), and then by the end of the writing.
    FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
    server.close();
  }

  Path first() {
    return maildir.dir.resolve("cur").resolve(FIRST + ":2,");
  }

  @Test
  void retrOfAMessageReplacedByAFifoAnswersErrAtOnceAndTheSessionGoesOn() throws Exception {
    try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
      c.socket().setSoTimeout(5_000);
      Files.delete(first());
      Files.createLink(first(), fifo);
      assertEquals("-ERR Message 1 expunged.", c.command("RETR 1"));
      assertEquals("-ERR Message 1 expunged.", c.command("TOP 1 0"));
      c.expectOk(c.command("RETR 2"));
      assertEquals(List.of("Subject: two", "", "second"), c.readBody());
      c.expectOk(c.command("QUIT"));
    }
    try (RawClient again = RawClient.login(server.port(), "alice", "secret")) {
      String stat = again.command("STAT");
      assertTrue(stat.startsWith("+OK 1 "), "released, and the FIFO is no message: " + stat);
      again.expectOk(again.command("QUIT"));
    }
  }

  /**
   * The attack as it is done: another process swaps a FIFO and the real file in and out of the
   * message's name as fast as it can, so that sooner or later the FIFO is there exactly between a
   * check and an open. Every RETR must still be answered at once, with the message or with -ERR.
   */
  @Test
  void retrNeverHangsWhileAnotherProcessKeepsSwappingAFifoIntoTheMessagesPlace() throws Exception {
    Path regular = home.resolve("regular");
    Files.createLink(regular, first());
    AtomicBoolean swapping = new AtomicBoolean(true);
    Thread swapper =
        new Thread(
            () -> {
              Path a = home.resolve("a");
              Path b = home.resolve("b");
              try {
                while (swapping.get()) {
                  Files.createLink(a, fifo);
                  Files.move(a, first(), StandardCopyOption.ATOMIC_MOVE);
                  Files.createLink(b, regular);
                  Files.move(b, first(), StandardCopyOption.ATOMIC_MOVE);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "fifo-swapper");
    int served = 0;
    int refused = 0;
    try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
      c.socket().setSoTimeout(5_000);
      swapper.start();
      for (int i = 0; i < 1500; i++) {
        String reply;
        try {
          reply = c.command("RETR 1");
        } catch (SocketTimeoutException e) {
          fail("RETR " + i + " got no reply in 5 s: the server is stuck opening the FIFO");
          return;
        }
        if (reply.startsWith("+OK")) {
          assertEquals(List.of("Subject: one", "", "first message"), c.readBody());
          served++;
        } else {
          assertEquals("-ERR Message 1 expunged.", reply);
          refused++;
        }
      }
      swapping.set(false);
      swapper.join();
      c.expectOk(c.command("QUIT"));
    } finally {
      swapping.set(false);
    }
    assertTrue(served + refused == 1500, served + " served, " + refused + " refused");
    try (RawClient again = RawClient.login(server.port(), "alice", "secret")) {
      again.expectOk(again.command("QUIT"));
    }
  }
}
