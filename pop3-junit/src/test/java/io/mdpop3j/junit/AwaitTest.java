package io.mdpop3j.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waiting for mail to arrive, to be fetched and to be deleted, without a polling loop. */
class AwaitTest {
  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  @Test
  void awaitMessagesReturnsOnceAnotherThreadHasDelivered() throws Exception {
    CompletableFuture<Void> sender =
        CompletableFuture.runAsync(
            () -> {
              pause(100);
              pop3.deliver("alice", TestMessages.text("one", "x"));
              pop3.deliver("alice", TestMessages.text("two", "x"));
            });

    List<MailboxMessage> messages = pop3.awaitMessages("alice", 2, Duration.ofSeconds(10));

    assertEquals(2, messages.size());
    sender.get(10, TimeUnit.SECONDS);
  }

  @Test
  void awaitMessagesFailsSayingWhatTheMailboxHolds() throws Exception {
    String message = TestMessages.text("only one", "x");
    String id = pop3.deliver("alice", message);

    AssertionError e =
        assertThrows(
            AssertionError.class, () -> pop3.awaitMessages("alice", 2, Duration.ofMillis(100)));

    assertEquals(
        "alice's mailbox did not reach 2 message(s) within PT0.1S; it holds 1:"
            + " [MailboxMessage["
            + id
            + ", "
            + message.length()
            + " bytes, Subject: only one]]",
        e.getMessage());
  }

  @Test
  void awaitRetrievedReturnsTheSessionThatFetchedTheMessage() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("fetch me", "x"));
    CompletableFuture<Void> client =
        CompletableFuture.runAsync(
            () -> {
              try (RawClient c = RawClient.login(pop3.port(), "alice", "secret")) {
                c.expectOk(c.command("RETR 1"));
                c.readBody();
                c.expectOk(c.command("QUIT"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    RecordedSession session = pop3.awaitRetrieved(id, Duration.ofSeconds(10));

    assertEquals(List.of(id), session.retrieved());
    client.get(10, TimeUnit.SECONDS);
  }

  @Test
  void awaitDeletedReturnsOnceQuitHasRemovedTheMessage() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("delete me", "x"));
    try (RawClient c = RawClient.login(pop3.port(), "alice", "secret")) {
      c.expectOk(c.command("DELE 1"));
      c.send("QUIT");

      RecordedSession session = pop3.awaitDeleted(id, Duration.ofSeconds(10));

      assertEquals(List.of(id), session.deleted());
      assertEquals(List.of(), pop3.mailbox("alice"));
    }
  }

  @Test
  void awaitRetrievedFailsNamingWhyTheLoginsFailed() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("never fetched", "x"));
    try (RawClient c = RawClient.connect(pop3.port())) {
      c.readLine();
      c.command("USER alice@localhost");
      c.command("PASS secret");
    }
    pop3.awaitSessionEnd(Duration.ofSeconds(10));

    AssertionError e =
        assertThrows(AssertionError.class, () -> pop3.awaitRetrieved(id, Duration.ofMillis(50)));

    assertEquals(
        "message "
            + id
            + " of alice was not retrieved with RETR by a finished session within PT0.05S;"
            + " alice's 0 finished session(s) did none; failed logins: unknown user"
            + " 'alice@localhost'; known users: alice; mailboxes are named by login, not by"
            + " address: did you mean 'alice'?",
        e.getMessage());
  }

  @Test
  void waitingForAMessageThatWasNeverDeliveredFailsAtOnce() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> pop3.awaitDeleted("no-such-id", Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("pass the id deliver(...) returned"), e.getMessage());
  }

  @Nested
  @EnabledWithMaildirStore
  class OnAMaildir {
    @RegisterExtension
    Pop3Extension maildir = Pop3Extension.withUser("alice", "secret").withMaildir();

    @Test
    void awaitMessagesSeesMailThatAProgramWroteIntoTheMaildirItself() throws Exception {
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                pause(100);
                try {
                  java.nio.file.Files.write(
                      maildir.maildir("alice").resolve("new").resolve("1700000000.M1P1.host"),
                      TestMessages.text("dropped in", "x").getBytes(UTF_8));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });

      List<MailboxMessage> messages = maildir.awaitMessages("alice", 1, Duration.ofSeconds(10));

      assertTrue(messages.get(0).text().contains("Subject: dropped in"));
      writer.get(10, TimeUnit.SECONDS);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
