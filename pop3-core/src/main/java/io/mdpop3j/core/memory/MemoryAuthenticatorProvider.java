package io.mdpop3j.core.memory;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.Settings;
import java.util.Set;

/**
 * The {@code memory} authenticator. Setting {@code users}: comma-separated {@code user:password}
 * pairs (a password may not contain a comma here; add such users in code).
 */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(AuthenticatorProvider.class)
public final class MemoryAuthenticatorProvider implements AuthenticatorProvider {

  /** Made by {@link java.util.ServiceLoader}, or by a host that registers it itself. */
  public MemoryAuthenticatorProvider() {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Authenticator create(Settings settings) {
    settings.requireOnly(Set.of("users"));
    MemoryAuthenticator authenticator = new MemoryAuthenticator();
    String users = settings.get("users", "");
    for (String pair : users.split(",", 0)) {
      if (pair.isBlank()) {
        continue;
      }
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        throw settings.invalid("users", users, "comma-separated user:password pairs");
      }
      authenticator.addUser(pair.substring(0, colon).trim(), pair.substring(colon + 1));
    }
    return authenticator;
  }
}
