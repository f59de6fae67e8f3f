package io.mdpop3j.auth.unix;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import java.util.Optional;

/**
 * Run by {@link ShadowAccountsTest} in a JVM of another user: logs {@code args[0]} in through the
 * {@code unix} provider with default settings, the password read from stdin, and prints {@code
 * uid=<n>} and {@code result=SUCCESS} or {@code result=<failure reason>}.
 */
public final class UnixProbe {

  private UnixProbe() {}

  public static void main(String[] args) throws Exception {
    byte[] password = System.in.readAllBytes();
    System.out.println("uid=" + new com.sun.security.auth.module.UnixSystem().getUid());
    Authenticator unix =
        ProviderRegistry.authenticators(UnixProbe.class.getClassLoader())
            .find("unix")
            .create(Settings.empty("unix"));
    AuthResult result =
        unix.authenticate(
            TestSession.plain(), new Credentials.Password(args[0], password, Optional.empty()));
    System.out.println(
        "result="
            + (result instanceof AuthResult.Success
                ? "SUCCESS"
                : ((AuthResult.Failure) result).reason().name()));
  }
}
