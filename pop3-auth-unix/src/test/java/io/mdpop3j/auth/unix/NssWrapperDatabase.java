package io.mdpop3j.auth.unix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The passwd and group files nss_wrapper reads in this test JVM (the Surefire configuration points
 * NSS_WRAPPER_PASSWD and NSS_WRAPPER_GROUP at them). Written once, before the first lookup; every
 * user exists only here.
 */
final class NssWrapperDatabase {

  /** The library bound as {@code passwd-library}. */
  static final String LIBRARY = "libnss_wrapper.so";

  /** The password of every user with a hash here. */
  static final String PASSWORD = "Wrapped pässword";

  /** The password of {@code nwrap-bob}, ASCII for clients that send ISO-8859-1 (commons-net). */
  static final String ASCII_PASSWORD = "wrapped-ascii-pw";

  private static boolean written;

  private NssWrapperDatabase() {}

  /** Writes the files unless done already. */
  static synchronized void ensureWritten() throws IOException {
    if (written) {
      return;
    }
    String hash = SystemHashes.mkpasswd("yescrypt", PASSWORD);
    Path dir = Path.of(System.getProperty("nss.wrapper.dir"));
    Files.createDirectories(dir);
    if (!dir.resolve("passwd").toString().equals(System.getenv("NSS_WRAPPER_PASSWD"))) {
      throw new IllegalStateException(
          "NSS_WRAPPER_PASSWD is not set to " + dir.resolve("passwd") + "; run through Maven");
    }
    Files.writeString(
        dir.resolve("passwd"),
        String.join(
            "\n",
            "nwrap-alice:" + hash + ":4242:4343:Alice:/srv/mail/alice:/bin/false",
            "nwrap-bob:"
                + SystemHashes.mkpasswd("sha512crypt", ASCII_PASSWORD)
                + ":4250:4343:Bob:/srv/mail/bob:/bin/false",
            "nwrap-root:" + hash + ":0:0:root twin:/root:/bin/false",
            "nwrap-system:" + hash + ":500:500:system:/var/sys:/bin/false",
            "nwrap-locked:!" + hash + ":4244:4343::/srv/mail/locked:/bin/false",
            "nwrap-star:*:4245:4343::/srv/mail/star:/bin/false",
            "nwrap-nopass::4246:4343::/srv/mail/nopass:/bin/false",
            "nwrap-shadowed:x:4247:4343::/srv/mail/shadowed:/bin/false",
            ""));
    Files.writeString(dir.resolve("group"), "nwrap:x:4343:\n");
    written = true;
  }
}
