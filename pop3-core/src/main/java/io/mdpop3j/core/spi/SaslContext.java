package io.mdpop3j.core.spi;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a {@link SaslMechanism} may know and ask of the session it runs in. */
public interface SaslContext {

  /** The session. */
  Session session();

  /** The kinds of credentials the server's authenticator (and token validator) can check. */
  Set<CredentialType> accepted();

  /**
   * The TLS channel bindings this connection offers ({@code tls-server-end-point}, and {@code
   * tls-exporter} for TLS 1.3 where the JDK can export keying material); empty without TLS.
   */
  List<ChannelBinding> channelBindings();

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
