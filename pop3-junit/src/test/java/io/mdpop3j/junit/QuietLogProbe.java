package io.mdpop3j.junit;

import io.mdpop3j.core.testing.RawClient;
import java.time.Duration;

/**
 * Run in a child JVM by {@link QuietLogTest}, with slf4j-simple at INFO: one extension serves a
 * good session, a wrong password and a login as an unknown user, so the parent can count the lines.
 * With the argument {@code verbose} the extension is built with {@code verbose()}.
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
      pop3.awaitSessions(2, Duration.ofSeconds(10));
    } finally {
      pop3.afterEach(null);
    }
    System.err.println("PROBE DONE");
  }
}
