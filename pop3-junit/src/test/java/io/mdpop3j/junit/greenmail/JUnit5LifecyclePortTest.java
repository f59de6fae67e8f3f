package io.mdpop3j.junit.greenmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mdpop3j.junit.JakartaMailDelivery;
import io.mdpop3j.junit.MimeMessages;
import io.mdpop3j.junit.Pop3Extension;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * From greenmail-junit5's tests (AlternateLifecycles, CustomSetup, DefaultSetup, MultipleSetups,
 * WithConfiguration, IdenticalRecipients): the extension's lifecycles and one-line set-ups.
 */
class JUnit5LifecyclePortTest {

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @Execution(ExecutionMode.SAME_THREAD)
  class PerMethodLifecycle {

    @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("to", "password");

    @Test
    void firstTestSeesOnlyItsOwnMessage() {
      pop3.deliver("to", "Subject: some subject\r\n\r\nsome body\r\n");
      assertEquals(1, pop3.mailbox("to").size());
    }

    @Test
    void secondTestSeesOnlyItsOwnMessageToo() {
      pop3.deliver("to", "Subject: some subject\r\n\r\nsome body\r\n");
      assertEquals(1, pop3.mailbox("to").size());
    }

    @AfterAll
    void theServerIsStoppedAfterEachTest() {
      assertThrows(IllegalStateException.class, () -> pop3.mailbox("to"));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @Execution(ExecutionMode.SAME_THREAD)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  class PerClassLifecycle {

    @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("to", "password").perClass();

    @Test
    void a_firstTestDelivers() {
      pop3.deliver("to", "Subject: one\r\n\r\nbody\r\n");
    }

    @Test
    void b_secondTestDelivers() {
      pop3.deliver("to", "Subject: two\r\n\r\nbody\r\n");
    }

    @AfterAll
    void bothMessagesAreThereAfterTheClass() {
      assertEquals(2, pop3.mailbox("to").size());
    }
  }

  @Nested
  class OneLineSetUps {

    @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("to", "password");

    @Test
    void aDeliveredTextMessageReadsBack() throws Exception {
      JakartaMailDelivery.deliver(
          pop3, "to", MimeMessages.text("from@localhost", "to@localhost", "subject", "body"));

      List<MimeMessage> emails = MimeMessages.inMailbox(pop3, "to");
      assertEquals(1, emails.size());
      assertEquals("subject", emails.get(0).getSubject());
      assertEquals("body", emails.get(0).getContent());
    }

    @Test
    void twoDeliveriesGiveTwoMessages() throws Exception {
      JakartaMailDelivery.deliver(
          pop3,
          "to",
          MimeMessages.text("from@localhost", "to@localhost", "subject", "body"),
          MimeMessages.text("from@localhost", "to@localhost", "subject", "body"));

      assertEquals(2, pop3.mailbox("to").size());
    }

    @Test
    void aClientFetchesWhatWasDeliveredWithTheConfiguredUser() throws Exception {
      JakartaMailDelivery.deliver(
          pop3,
          "to",
          MimeMessages.text("from@localhost", "to@localhost", "some subject", "some body"));

      MimeMessage fetched = MimeMessages.retrieve(pop3, "to", "password").get(0);
      assertEquals("some body", fetched.getContent().toString().trim());
    }
  }

  @Nested
  class IdenticalRecipients {

    @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("test", "password");

    private MimeMessage message(String cc, String bcc) throws Exception {
      MimeMessage m =
          MimeMessages.text("test@localhost.com", "test@localhost.com", "Subject", "Body");
      if (cc != null) {
        m.setRecipients(Message.RecipientType.CC, cc);
      }
      if (bcc != null) {
        m.setRecipients(Message.RecipientType.BCC, bcc);
      }
      JakartaMailDelivery.deliver(pop3, "test", m);
      List<MimeMessage> messages = MimeMessages.inMailbox(pop3, "test");
      assertEquals(1, messages.size(), "one delivery, one message");
      return messages.get(0);
    }

    @Test
    void oneCcEqualToTheRecipient() throws Exception {
      MimeMessage m = message("test@localhost.com", null);
      assertEquals("Body", m.getContent());
      assertEquals(1, m.getRecipients(Message.RecipientType.TO).length);
      assertEquals("test@localhost.com", m.getRecipients(Message.RecipientType.CC)[0].toString());
    }

    @Test
    void threeIdenticalCcsAreAllListed() throws Exception {
      MimeMessage m = message("test@localhost.com,test@localhost.com,test@localhost.com", null);
      assertEquals(3, m.getRecipients(Message.RecipientType.CC).length);
    }

    @Test
    void oneBccEqualToTheRecipientGivesOneMessage() throws Exception {
      assertEquals(
          null, message(null, "test@localhost.com").getRecipients(Message.RecipientType.BCC));
    }

    @Test
    void threeIdenticalBccsGiveOneMessage() throws Exception {
      MimeMessage m = message(null, "test@localhost.com,test@localhost.com,test@localhost.com");
      assertEquals(null, m.getRecipients(Message.RecipientType.BCC));
    }
  }
}
