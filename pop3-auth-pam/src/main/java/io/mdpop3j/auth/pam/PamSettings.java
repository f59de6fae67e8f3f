package io.mdpop3j.auth.pam;

import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings of the {@code pam} authenticator, checked. Keys are written {@code pam.service} and
 * so on outside; docs/auth-pam.md describes each one.
 *
 * @param service the PAM service name, the file under {@code /etc/pam.d} ({@code pam.service})
 * @param library the PAM library to load ({@code pam.library})
 * @param tty the value of {@code PAM_TTY} ({@code pam.tty})
 * @param openSession whether to run {@code pam_open_session} and {@code pam_close_session}
 * @param apop whether APOP logins are handed to PAM ({@code pam.apop})
 * @param threads how many PAM transactions may run at once ({@code pam.threads})
 * @param timeout how long a login waits for PAM before it fails as temporary ({@code pam.timeout})
 * @param virtualHomeBase where the homes of users unknown to the passwd database are
 * @param mailOwnerUid the user id of such users
 * @param mailOwnerGid the group id of such users
 */
record PamSettings(
    String service,
    String library,
    String tty,
    boolean openSession,
    boolean apop,
    int threads,
    Duration timeout,
    Optional<Path> virtualHomeBase,
    OptionalInt mailOwnerUid,
    OptionalInt mailOwnerGid) {

  static final String SERVICE = "service";
  static final String LIBRARY = "library";
  static final String TTY = "tty";
  static final String OPEN_SESSION = "open-session";
  static final String APOP = "apop";
  static final String THREADS = "threads";
  static final String TIMEOUT = "timeout";
  static final String VIRTUAL_HOME_BASE = "virtual-home-base";
  static final String MAIL_OWNER_UID = "mail-owner-uid";
  static final String MAIL_OWNER_GID = "mail-owner-gid";

  static final List<String> KEYS =
      List.of(
          SERVICE,
          LIBRARY,
          TTY,
          OPEN_SESSION,
          APOP,
          THREADS,
          TIMEOUT,
          VIRTUAL_HOME_BASE,
          MAIL_OWNER_UID,
          MAIL_OWNER_GID);

  /** Reads and checks {@code settings}. */
  static PamSettings from(Settings settings) {
    settings.requireOnly(KEYS);
    String service = settings.get(SERVICE, "pop3");
    if (service.isEmpty() || service.contains("/") || hasControl(service)) {
      throw settings.invalid(SERVICE, service, "a PAM service name such as pop3, without '/'");
    }
    String library = settings.get(LIBRARY, "libpam.so.0");
    if (library.isBlank()) {
      throw settings.invalid(LIBRARY, library, "a library name or path such as libpam.so.0");
    }
    String tty = settings.get(TTY, "pop3");
    if (hasControl(tty)) {
      throw settings.invalid(TTY, tty, "printable text such as pop3");
    }
    Duration timeout = settings.getDuration(TIMEOUT, Duration.ofSeconds(60));
    if (timeout.isZero() || timeout.isNegative()) {
      throw settings.invalid(TIMEOUT, settings.get(TIMEOUT, ""), "a positive duration such as 60s");
    }
    Optional<Path> base = Optional.empty();
    String baseText = settings.get(VIRTUAL_HOME_BASE, "");
    if (!baseText.isEmpty()) {
      Path path = Path.of(baseText);
      if (!path.isAbsolute()) {
        throw settings.invalid(VIRTUAL_HOME_BASE, baseText, "an absolute directory path");
      }
      base = Optional.of(path);
    }
    OptionalInt uid = optionalId(settings, MAIL_OWNER_UID);
    OptionalInt gid = optionalId(settings, MAIL_OWNER_GID);
    if (uid.isPresent() != gid.isPresent()) {
      throw new InvalidSettingException(
          "settings "
              + settings.fullKey(MAIL_OWNER_UID)
              + " and "
              + settings.fullKey(MAIL_OWNER_GID)
              + " go together; set both or neither");
    }
    return new PamSettings(
        service,
        library,
        tty,
        settings.getBoolean(OPEN_SESSION, false),
        settings.getBoolean(APOP, false),
        settings.getInt(THREADS, 8, 1, 256),
        timeout,
        base,
        uid,
        gid);
  }

  private static OptionalInt optionalId(Settings settings, String key) {
    if (!settings.asMap().containsKey(key)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(settings.getInt(key, 0, 0, Integer.MAX_VALUE));
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}
