package io.mdpop3j.auth.pam;

import io.mdpop3j.core.spi.Settings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The test fixture: settings that bind pam_wrapper's library, whose service files and pam_matrix
 * database the Surefire configuration points at (see this module's pom.xml).
 */
final class PamWrapper {

  private PamWrapper() {}

  /** The library that pam_wrapper wraps libpam with; its absolute path comes from the build. */
  static String library() {
    String library = System.getProperty("pam.wrapper.library");
    if (library == null) {
      throw new IllegalStateException(
          "system property pam.wrapper.library is not set; run the tests through Maven");
    }
    return library;
  }

  /** The directory of the filtered test PAM files (service files, databases). */
  static Path testDir() {
    return Path.of(System.getProperty("pam.test.dir"));
  }

  /** Settings for {@code service}, bound to pam_wrapper, plus {@code more}. */
  static Settings settings(String service, Map<String, String> more) {
    Settings settings = Settings.of("pam", more);
    return settings.with("service", service).with("library", library());
  }

  /** An authenticator for {@code service} under pam_wrapper. */
  static PamAuthenticator authenticator(String service) {
    return PamAuthenticator.create(settings(service, Map.of()));
  }
}
