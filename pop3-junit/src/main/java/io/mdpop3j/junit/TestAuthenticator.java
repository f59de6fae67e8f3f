package io.mdpop3j.junit;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Session;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The test's users, in memory, plus the injected login faults. With a Maildir store it gives each
 * account a home directory under the extension's temporary folder, as a system account has.
 */
final class TestAuthenticator implements Authenticator {

  private final MemoryAuthenticator users;
  private final Faults faults;
  private final Optional<Path> homes;

  TestAuthenticator(MemoryAuthenticator users, Faults faults, Optional<Path> homes) {
    this.users = users;
    this.faults = faults;
    this.homes = homes;
  }

  @Override
  public boolean supportsApop() {
    return users.supportsApop();
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    Faults.pause(faults.loginDelay);
    if (Faults.take(faults.failingLogins)) {
      return AuthResult.failure(AuthResult.Reason.TEMPORARY, "failure injected by the test");
    }
    AuthResult result = users.authenticate(session, credentials);
    if (result instanceof AuthResult.Success s && homes.isPresent()) {
      Account account = s.account();
      return AuthResult.success(account.withHome(MaildirFolders.home(homes.get(), account.user())));
    }
    return result;
  }
}
