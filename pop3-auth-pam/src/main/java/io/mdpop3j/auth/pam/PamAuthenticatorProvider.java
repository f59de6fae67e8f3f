package io.mdpop3j.auth.pam;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.Settings;

/** The {@code pam} authenticator: Linux-PAM through JNA; settings {@code pam.*}. */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(AuthenticatorProvider.class)
public final class PamAuthenticatorProvider implements AuthenticatorProvider {

  /** Made by {@link java.util.ServiceLoader}, or by a host that registers it itself. */
  public PamAuthenticatorProvider() {}

  @Override
  public String name() {
    return "pam";
  }

  @Override
  public Authenticator create(Settings settings) {
    return PamAuthenticator.create(settings);
  }
}
