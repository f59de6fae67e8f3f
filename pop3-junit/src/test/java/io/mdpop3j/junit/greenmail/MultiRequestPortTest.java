package io.mdpop3j.junit.greenmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.junit.Pop3Extension;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From GreenMail's MultiRequestTest: 20 senders fill 20 mailboxes (user {@code to<i>} gets i
 * messages) while POP3 and POP3S clients read them. Two readers per mailbox instead of GreenMail's
 * four, as there is no IMAP; a reader that meets the other's lock (RFC 1939 section 8) tries again.
 */
class MultiRequestPortTest {
  private static final int USERS = 20;
  private static final int TOTAL = USERS * (USERS + 1) / 2;

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.create().withTls();

  @Test
  void twentySendersDeliverEveryMessageAndNoMore() throws Exception {
    addUsers();
    ExecutorService senders = startSenders();

    for (int i = 1; i <= USERS; i++) {
      pop3.awaitMessages("to" + i, i, Duration.ofSeconds(15));
    }
    senders.shutdown();
    assertTrue(senders.awaitTermination(15, TimeUnit.SECONDS));
    int total = 0;
    for (int i = 1; i <= USERS; i++) {
      total += pop3.mailbox("to" + i).size();
    }
    assertEquals(TOTAL, total);
    assertThrows(AssertionError.class, () -> pop3.awaitMessages("to1", 2, Duration.ofMillis(200)));
  }

  @Test
  void pop3AndPop3sReadersRunningWithTheSendersSeeEveryMessage() throws Exception {
    addUsers();
    ExecutorService senders = startSenders();
    ExecutorService readers = Executors.newFixedThreadPool(8);
    List<Future<Integer>> counts = new ArrayList<>();
    for (int i = 1; i <= USERS; i++) {
      String user = "to" + i;
      int expected = i;
      counts.add(readers.submit(() -> readUntil(user, expected, "pop3")));
      counts.add(readers.submit(() -> readUntil(user, expected, "pop3s")));
    }

    int seen = 0;
    for (Future<Integer> count : counts) {
      seen += count.get(60, TimeUnit.SECONDS);
    }
    readers.shutdown();
    senders.shutdown();
    assertEquals(TOTAL * 2, seen);
  }

  private void addUsers() {
    for (int i = 1; i <= USERS; i++) {
      pop3.andUser("to" + i, "to" + i);
    }
  }

  private ExecutorService startSenders() {
    ExecutorService senders = Executors.newFixedThreadPool(4);
    for (int i = 1; i <= USERS; i++) {
      String user = "to" + i;
      int count = i;
      var unused =
          senders.submit(
              () -> {
                for (int n = 0; n < count; n++) {
                  pop3.deliver(user, "From: from@localhost\r\nSubject: subject\r\n\r\nbody\r\n");
                }
              });
    }
    return senders;
  }

  /** Reads {@code user}'s mailbox until it holds {@code expected} messages; returns the count. */
  private int readUntil(String user, int expected, String protocol) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int count = 0;
    while (count != expected && System.nanoTime() < deadline) {
      try {
        count = fetchCount(user, protocol);
      } catch (MessagingException e) {
        Thread.sleep(20); // [IN-USE]: the other reader holds the mailbox
      }
    }
    return count;
  }

  private int fetchCount(String user, String protocol) throws MessagingException {
    Store store = Session.getInstance(pop3.mailProperties()).getStore(protocol);
    store.connect(user, user);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      int n = inbox.getMessages().length;
      inbox.close(false);
      return n;
    } finally {
      store.close();
    }
  }
}
