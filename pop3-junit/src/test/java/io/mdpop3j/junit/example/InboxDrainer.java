package io.mdpop3j.junit.example;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Code under test in the docs/testing.md example: fetches every message of a POP3 mailbox, hands it
 * to a handler, and deletes the ones the handler accepted.
 */
public final class InboxDrainer {

  private final Properties mailProperties;
  private final String user;
  private final String password;

  public InboxDrainer(Properties mailProperties, String user, String password) {
    this.mailProperties = mailProperties;
    this.user = user;
    this.password = password;
  }

  /** Returns how many messages the handler accepted (and were deleted). */
  public int drain(Predicate<Message> handler) throws MessagingException {
    Store store = Session.getInstance(mailProperties).getStore("pop3");
    store.connect(user, password);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      int accepted = 0;
      try {
        for (Message message : inbox.getMessages()) {
          if (handler.test(message)) {
            message.setFlag(Flags.Flag.DELETED, true);
            accepted++;
          }
        }
      } finally {
        inbox.close(true); // expunge: QUIT, and the server deletes what was marked
      }
      return accepted;
    } finally {
      store.close();
    }
  }
}
