package io.mdpop3j.core.spi;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/** What a {@link SaslMechanism} may know and ask of the session it runs in. */
public interface SaslContext {

  /** The session. */
  Session session();

  /** The kinds of credentials the server's authenticator (and token validator) can check. */
  Set<CredentialType> accepted();

  /** The TLS channel binding of this connection, when TLS is active and it can be had. */
  Optional<ChannelBinding> channelBinding();

  /** Whether {@code -PLUS} mechanisms are offered on this connection. */
  boolean plusOffered();

  /** The stored SCRAM keys of {@code user}, as the authenticator gives them. */
  Optional<ScramKeys> scramKeys(String user, String hash);

  /** A per-server secret, for values that must be stable per user but unguessable (decoys). */
  byte[] serverSecret();

  /** The server's host name, for challenges that carry one (CRAM-MD5). */
  String hostName();

  /** The server's source of randomness. */
  SecureRandom random();
}
