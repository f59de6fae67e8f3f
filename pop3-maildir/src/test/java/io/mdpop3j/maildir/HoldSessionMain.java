package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.testing.TestSession;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A POP3 session in its own JVM, for tests that kill it: opens the Maildir given as argument, reads
 * every message (as RETR would), says READY and waits to be killed.
 */
public final class HoldSessionMain {
  private HoldSessionMain() {}

  public static void main(String[] args) throws Exception {
    Account account = Account.named("alice").withMaildir(Path.of(args[0]).toString());
    Mailbox box = new MaildirStore().open(TestSession.plain().withId("child").as("alice"), account);
    for (int i = 0; i < box.messages().size(); i++) {
      try (InputStream in = box.open(i)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    System.out.println("READY " + box.messages().size());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
