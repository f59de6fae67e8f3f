package io.mdpop3j.core.sasl;

import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Session;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A context for mechanisms tested alone: fixed accepted types, no keys, no session. */
final class FixedSaslContext {

  private FixedSaslContext() {}

  /** An authenticator that checks only {@code accepted}; no TLS unless {@code binding} is given. */
  static SaslContext of(Set<CredentialType> accepted, ChannelBinding binding) {
    return new SaslContext() {
      @Override
      public Session session() {
        return null;
      }

      @Override
      public Set<CredentialType> accepted() {
        return accepted;
      }

      @Override
      public List<ChannelBinding> channelBindings() {
        return binding == null ? List.of() : List.of(binding);
      }

      @Override
      public boolean plusOffered() {
        return binding != null;
      }

      @Override
      public Optional<ScramKeys> scramKeys(String user, String hash) {
        return Optional.empty();
      }

      @Override
      public byte[] serverSecret() {
        return new byte[16];
      }

      @Override
      public String hostName() {
        return "pop.example";
      }

      @Override
      public SecureRandom random() {
        return new SecureRandom();
      }
    };
  }
}
