package io.mdpop3j.maildir;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.spi.AuthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server on a free loopback port where {@code alice}/{@code secret} logs in to the Maildir store
 * with {@code home} as her home directory, no failure delay; ready for more settings.
 */
final class AliceServer {

  private AliceServer() {}

  static Pop3ServerBuilder builder(Path home) {
    MemoryAuthenticator passwords = new MemoryAuthenticator().addUser("alice", "secret");
    return Pop3Server.builder()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .authenticator(
            (session, credentials) -> {
              AuthResult r = passwords.authenticate(session, credentials);
              return r instanceof AuthResult.Success s
                  ? AuthResult.success(s.account().withHome(home))
                  : r;
            })
        .mailStore(new MaildirStore())
        .authFailureDelay(Duration.ZERO);
  }
}
