package io.mdpop3j.core.testing;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a real authenticator and records what reached it: which user names, and whether the session
 * was under TLS at the time.
 */
public final class RecordingAuthenticator implements Authenticator {

  /** One call that reached the plug-in. */
  public record Call(String user, boolean secure) {}

  private final Authenticator real;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public RecordingAuthenticator(Authenticator real) {
    this.real = real;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public boolean supportsApop() {
    return real.supportsApop();
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    calls.add(new Call(credentials.user(), session.isSecure()));
    return real.authenticate(session, credentials);
  }
}
