package io.mdpop3j.core.spi;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The kinds of credentials this authenticator checks; the server offers only the logins they
   * allow (AUTH mechanisms in CAPA, APOP in the greeting). By default passwords, and APOP when
   * {@link #supportsApop()}.
   */
  default Set<CredentialType> accepts() {
    return supportsApop()
        ? EnumSet.of(CredentialType.PASSWORD, CredentialType.APOP)
        : EnumSet.of(CredentialType.PASSWORD);
  }

  /**
   * The stored SCRAM keys of {@code user} for {@code hash} ({@code SHA-256} or {@code SHA-1}), or
   * empty when the user is unknown or has none; called only when {@link #accepts()} names the SCRAM
   * type. The server checks the client's proof against them and then asks for the account with
   * {@link Credentials.Verified}. Must not reveal, by time or answer, whether the user exists
   * beyond what an empty result says (the server answers both alike).
   */
  default Optional<ScramKeys> scramKeys(Session session, String user, String hash) {
    return Optional.empty();
  }
}
