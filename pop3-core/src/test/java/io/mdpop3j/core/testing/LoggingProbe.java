package io.mdpop3j.core.testing;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.SessionListener;
import io.mdpop3j.core.spi.Session;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.MDC;

/**
 * Run in a child JVM by a test, so that slf4j-simple can be configured from the start: serves three
 * logins with {@code logCommands} on ({@code quiet} too when the first argument says so), so that
 * the parent can read what reached the log.
 */
public final class LoggingProbe {

  /** The password the probe logs in with; it must never appear in the log. */
  public static final String PASSWORD = "Pa55 w0rd-XYZZY";

  /** A wrong password the probe tries first; it must not appear either. */
  public static final String WRONG = "Wr0ng-PLUGH";

  /** The AUTH PLAIN response carrying {@link #PASSWORD}. */
  public static final String PLAIN =
      Base64.getEncoder().encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private LoggingProbe() {}

  public static void main(String[] args) throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("alice", "Subject: x\n\nbody\n".getBytes(StandardCharsets.US_ASCII));
    Pop3Server server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(new MemoryAuthenticator().addUser("alice", PASSWORD))
            .mailStore(store)
            .authFailureDelay(Duration.ZERO)
            .logCommands(true)
            .listener(
                new SessionListener() {
                  @Override
                  public void commandReceived(Session session, String line) {
                    // On the session's thread: what every log line of this command carries.
                    System.err.println(
                        "MDC["
                            + line
                            + "] session="
                            + MDC.get("session")
                            + " remote="
                            + MDC.get("remote")
                            + " user="
                            + MDC.get("user")
                            + " id="
                            + session.id());
                  }
                })
            .quiet(args.length > 0 && args[0].equals("quiet"))
            .build();
    server.start();
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.command("USER alice");
      c.command("PASS " + WRONG);
      c.command("USER alice");
      c.expectOk(c.command("PASS " + PASSWORD));
      c.command("STAT");
      c.command("QUIT");
      c.closedByServer();
    }
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.expectOk(c.command("AUTH PLAIN " + PLAIN));
      c.command("QUIT");
      c.closedByServer();
    }
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.command("AUTH PLAIN");
      c.expectOk(c.command(PLAIN));
      c.command("QUIT");
      c.closedByServer();
    }
    server.close();
    System.err.println("PROBE DONE");
  }
}
