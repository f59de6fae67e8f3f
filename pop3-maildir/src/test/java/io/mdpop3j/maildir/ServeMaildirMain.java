package io.mdpop3j.maildir;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.AuthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A POP3 daemon in its own JVM, for tests that must start it under conditions their own JVM does
 * not have (no locale, another user): serves alice (password {@code secret}) whose home is the
 * first argument, with the default Maildir store, prints {@code jnu=<sun.jnu.encoding>} and {@code
 * PORT <port>}, and ends when its standard input does.
 */
public final class ServeMaildirMain {
  private ServeMaildirMain() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    MemoryAuthenticator passwords = new MemoryAuthenticator().addUser("alice", "secret");
    try (Pop3Server server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(
                (session, credentials) -> {
                  AuthResult r = passwords.authenticate(session, credentials);
                  return r instanceof AuthResult.Success s
                      ? AuthResult.success(s.account().withHome(home))
                      : r;
                })
            .mailStore(new MaildirStore())
            .authFailureDelay(Duration.ZERO)
            .build()) {
      server.start();
      System.out.println("jnu=" + System.getProperty("sun.jnu.encoding"));
      System.out.println("PORT " + server.port());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
