package io.mdpop3j.junit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.junit.EnabledWithMaildirStore;
import io.mdpop3j.junit.MailboxMessage;
import io.mdpop3j.junit.Pop3Extension;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The realistic example of docs/testing.md: a mailbox drained over POP3 into a Maildir. */
@EnabledWithMaildirStore
class InboxDrainerTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("orders", "s3cret").withMaildir();

  @Test
  void drainsEveryAcceptedMessageAndLeavesTheMaildirEmpty() throws Exception {
    pop3.deliver("orders", "Subject: order 1\r\n\r\n1 x widget\r\n");
    pop3.deliver("orders", "Subject: order 2\r\n\r\n2 x gadget\r\n");
    List<String> subjects = new ArrayList<>();

    int accepted =
        new InboxDrainer(pop3.mailProperties(), "orders", "s3cret")
            .drain(m -> subjects.add(subject(m)));

    pop3.awaitSessionEnd(Duration.ofSeconds(5));
    assertEquals(2, accepted);
    assertEquals(List.of("order 1", "order 2"), subjects);
    assertEquals(List.of(), pop3.mailbox("orders"));
    assertEquals(List.of(), filesIn(pop3.maildir("orders").resolve("new")));
    assertEquals(List.of(), filesIn(pop3.maildir("orders").resolve("cur")));
  }

  @Test
  void rejectedMessageStaysOnTheServer() throws Exception {
    pop3.deliver("orders", "Subject: order 1\r\n\r\nfine\r\n");
    String bad = pop3.deliver("orders", "Subject: garbage\r\n\r\n???\r\n");

    new InboxDrainer(pop3.mailProperties(), "orders", "s3cret")
        .drain(m -> !subject(m).equals("garbage"));

    pop3.awaitSessionEnd(Duration.ofSeconds(5));
    List<MailboxMessage> left = pop3.mailbox("orders");
    assertEquals(1, left.size());
    assertTrue(left.get(0).text().contains("Subject: garbage"));
    // pop3-maildir moved the message it listed from new/ to cur/ at QUIT, as production would.
    assertEquals(
        List.of(bad),
        filesIn(pop3.maildir("orders").resolve("cur")).stream()
            .map(name -> name.substring(0, name.indexOf(':')))
            .toList());
  }

  @Test
  void temporaryLoginFailureSurfacesAsAnException() throws Exception {
    pop3.deliver("orders", "Subject: order 1\r\n\r\n1 x widget\r\n");
    pop3.failNextLogin();

    MessagingException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            MessagingException.class,
            () -> new InboxDrainer(pop3.mailProperties(), "orders", "s3cret").drain(m -> true));

    assertTrue(String.valueOf(e.getMessage()).contains("SYS/TEMP"), e.toString());
    assertEquals(1, pop3.mailbox("orders").size());
  }

  private static String subject(jakarta.mail.Message m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
