package io.mdpop3j.core.spi;

/**
 * Checks the credentials a client presents.
 *
 * <p>Implementations must be thread-safe: many sessions call {@link #authenticate} at once. The
 * call may block (native libraries, a network directory); the server calls it from the session's
 * own thread. It must not throw for a wrong password: return a {@link AuthResult.Failure}. An
 * unexpected exception is treated as {@link AuthResult.Reason#TEMPORARY}.
 */
public interface Authenticator {

  /** Checks {@code credentials} for {@code session}. */
  AuthResult authenticate(Session session, Credentials credentials);

  /**
   * Whether this authenticator can check {@link Credentials.Apop} at all. The greeting carries an
   * APOP timestamp only when this is true and the host enabled APOP, since clients use APOP
   * whenever they see one.
   */
  default boolean supportsApop() {
    return false;
  }
}
