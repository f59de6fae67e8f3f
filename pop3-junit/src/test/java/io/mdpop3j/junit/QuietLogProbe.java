package io.mdpop3j.junit;

import io.mdpop3j.core.testing.RawClient;
import java.time.Duration;

/**
 * Run in a child JVM by {@link QuietLogTest}, with slf4j-simple at INFO: one extension serves a
 * good session, a wrong password, a login as an unknown user and a mailbox found in use, so the
 * parent can count the lines. With the argument {@code verbose} the extension is built with {@code
 * verbose()}.
 */
public final class QuietLogProbe {

  private QuietLogProbe() {}

  public static void main(String[] args) throws Exception {
    Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");
    if (args.length > 0 && args[0].equals("verbose")) {
      pop3.verbose();
    }
    pop3.beforeEach(null);
    try {
      pop3.deliver("alice", TestMessages.text("hello", "x"));
      try (RawClient c = RawClient.login(pop3.port(), "alice", "secret")) {
        c.expectOk(c.command("RETR 1"));
        c.readBody();
        c.expectOk(c.command("QUIT"));
      }
      try (RawClient c = RawClient.connect(pop3.port())) {
        c.readLine();
        c.command("USER alice");
        c.command("PASS wrong");
        c.command("USER alice@localhost");
        c.command("PASS secret");
        c.command("QUIT");
      }
      try (RawClient holder = RawClient.login(pop3.port(), "alice", "secret");
          RawClient second = RawClient.connect(pop3.port())) {
        second.readLine();
        second.command("USER alice");
        String inUse = second.command("PASS secret");
        if (!inUse.startsWith("-ERR [IN-USE]")) {
          throw new AssertionError("expected IN-USE, got " + inUse);
        }
        second.command("QUIT");
        holder.command("QUIT");
      }
      pop3.awaitSessions(4, Duration.ofSeconds(10));
    } finally {
      pop3.afterEach(null);
    }
    System.err.println("PROBE DONE");
  }
}
