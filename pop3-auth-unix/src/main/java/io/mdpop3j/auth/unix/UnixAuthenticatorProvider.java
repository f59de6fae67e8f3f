package io.mdpop3j.auth.unix;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.Settings;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code unix} authenticator: the host's own accounts through NSS and libcrypt. Settings and
 * defaults are listed in {@code docs/auth-unix.md}.
 */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(AuthenticatorProvider.class)
public final class UnixAuthenticatorProvider implements AuthenticatorProvider {

  /** Made by {@link java.util.ServiceLoader}, or by a host that registers it itself. */
  public UnixAuthenticatorProvider() {}

  /** Debian's UID_MIN: system accounts have smaller uids. */
  static final int DEFAULT_FIRST_VALID_UID = 1000;

  static final String DEFAULT_CRYPT_LIBRARY = "libcrypt.so.1";
  static final String DEFAULT_C_LIBRARY = "libc.so.6";
  static final int DEFAULT_CRYPT_QUEUE = 64;

  @Override
  public String name() {
    return "unix";
  }

  @Override
  public Authenticator create(Settings settings) {
    settings.requireOnly(
        Set.of(
            "first-valid-uid",
            "allow-root",
            "crypt-threads",
            "crypt-queue",
            "crypt-library",
            "passwd-library",
            "shadow-library",
            "shadow-file",
            "dummy-hash"));
    UnixAuthenticator.Config config =
        new UnixAuthenticator.Config(
            settings.getInt("first-valid-uid", DEFAULT_FIRST_VALID_UID, 0, Integer.MAX_VALUE),
            settings.getBoolean("allow-root", false),
            settings.getInt("crypt-threads", defaultCryptThreads(), 1, 256),
            settings.getInt("crypt-queue", DEFAULT_CRYPT_QUEUE, 1, 100_000),
            settings.get("crypt-library", DEFAULT_CRYPT_LIBRARY),
            settings.get("passwd-library", DEFAULT_C_LIBRARY),
            settings.get("shadow-library", DEFAULT_C_LIBRARY),
            Path.of(settings.get("shadow-file", "/etc/shadow")),
            settings.asMap().get("dummy-hash"));
    try {
      return new UnixAuthenticator(config);
    } catch (IllegalArgumentException e) {
      throw settings.invalid(
          "dummy-hash", config.dummyHash(), "a crypt(3) hash such as one from mkpasswd");
    } catch (UnsatisfiedLinkError e) {
      throw new InvalidSettingException(
          "unix: cannot bind the native libraries ("
              + settings.fullKey("crypt-library")
              + "="
              + config.cryptLibrary()
              + ", "
              + settings.fullKey("passwd-library")
              + "="
              + config.passwdLibrary()
              + ", "
              + settings.fullKey("shadow-library")
              + "="
              + config.shadowLibrary()
              + "): "
              + e.getMessage());
    }
  }

  /** Half the processors, at least 1 and at most 4: logins must not take every core. */
  static int defaultCryptThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
  }
}
