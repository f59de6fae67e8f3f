package io.mdpop3j.auth.unix;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code passwd-file} authenticator: virtual users in a Dovecot-style passwd-file. Settings and
 * defaults are listed in {@code docs/auth-unix.md}.
 */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(AuthenticatorProvider.class)
public final class PasswdFileAuthenticatorProvider implements AuthenticatorProvider {

  /** Made by {@link java.util.ServiceLoader}, or by a host that registers it itself. */
  public PasswdFileAuthenticatorProvider() {}

  @Override
  public String name() {
    return "passwd-file";
  }

  @Override
  public Authenticator create(Settings settings) {
    settings.requireOnly(
        Set.of("path", "default-scheme", "crypt-threads", "crypt-queue", "crypt-library"));
    Path path = Path.of(settings.require("path"));
    String schemeName = settings.getChoice("default-scheme", "CRYPT", PasswordScheme.names());
    PasswordScheme scheme = PasswordScheme.byName(schemeName).orElseThrow();
    String library = settings.get("crypt-library", UnixAuthenticatorProvider.DEFAULT_CRYPT_LIBRARY);
    CryptVerifier crypt;
    try {
      crypt = CryptVerifier.load(library);
    } catch (UnsatisfiedLinkError e) {
      throw settings.invalid(
          "crypt-library", library, "a libxcrypt with crypt_rn (" + e.getMessage() + ")");
    }
    CryptPool pool =
        new CryptPool(
            "passwd-file",
            settings.getInt(
                "crypt-threads", UnixAuthenticatorProvider.defaultCryptThreads(), 1, 256),
            settings.getInt(
                "crypt-queue", UnixAuthenticatorProvider.DEFAULT_CRYPT_QUEUE, 1, 100_000));
    PasswdFileAuthenticator authenticator = new PasswdFileAuthenticator(path, scheme, crypt, pool);
    try {
      authenticator.load();
    } catch (IOException e) {
      throw new InvalidSettingException(
          "setting "
              + settings.fullKey("path")
              + " names "
              + path
              + ", which cannot be read: "
              + e);
    }
    return authenticator;
  }
}
