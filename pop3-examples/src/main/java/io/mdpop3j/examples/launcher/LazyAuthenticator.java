package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Session;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the real authenticator on the first login, so an inetd-mode process greets the client
 * before it loads libcrypt or libpam. A provider that fails then is logged and every login fails as
 * temporary.
 */
final class LazyAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(LazyAuthenticator.class);

  private final Supplier<Authenticator> factory;
  private Authenticator delegate;
  private RuntimeException failure;

  LazyAuthenticator(Supplier<Authenticator> factory) {
    this.factory = factory;
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    Authenticator real = real();
    if (real == null) {
      return AuthResult.failure(AuthResult.Reason.TEMPORARY, "authenticator cannot start");
    }
    return real.authenticate(session, credentials);
  }

  @Override
  public boolean supportsApop() {
    Authenticator real = real();
    return real != null && real.supportsApop();
  }

  private synchronized Authenticator real() {
    if (delegate == null && failure == null) {
      try {
        delegate = factory.get();
      } catch (RuntimeException | LinkageError e) {
        failure =
            e instanceof RuntimeException runtimeException
                ? runtimeException
                : new RuntimeException(e);
        log.error("authenticator cannot start: {}", e.getMessage());
      }
    }
    return delegate;
  }
}
