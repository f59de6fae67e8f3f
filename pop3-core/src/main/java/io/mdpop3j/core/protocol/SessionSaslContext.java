package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Session;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What one session lets its SASL mechanisms know and ask. */
final class SessionSaslContext implements SaslContext {

  private final ProtocolSession session;
  private final Set<CredentialType> accepted;
  private final boolean plusOffered;
  private final SaslSecrets secrets;

  SessionSaslContext(
      ProtocolSession session,
      boolean tokenValidator,
      boolean plusMechanisms,
      SaslSecrets secrets) {
    this.session = session;
    Set<CredentialType> types = EnumSet.noneOf(CredentialType.class);
    types.addAll(session.authenticator().accepts());
    // A validator turns a token into a user; the authenticator must then give that user's account.
    if (tokenValidator && types.contains(CredentialType.VERIFIED)) {
      types.add(CredentialType.BEARER_TOKEN);
    }
    this.accepted = Set.copyOf(types);
    this.plusOffered = plusMechanisms && !session.channelBindings().isEmpty();
    this.secrets = secrets;
  }

  @Override
  public Session session() {
    return session.info();
  }

  @Override
  public Set<CredentialType> accepted() {
    return accepted;
  }

  @Override
  public List<ChannelBinding> channelBindings() {
    return session.channelBindings();
  }

  @Override
  public boolean plusOffered() {
    return plusOffered;
  }

  @Override
  public Optional<ScramKeys> scramKeys(String user, String hash) {
    return session.authenticator().scramKeys(session.info(), user, hash);
  }

  @Override
  public byte[] serverSecret() {
    return secrets.serverSecret().clone();
  }

  @Override
  public String hostName() {
    return session.config().apopHost();
  }

  @Override
  public SecureRandom random() {
    return secrets.random();
  }
}
