package io.mdpop3j.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * getpwnam_r of nss_wrapper (Debian libnss-wrapper), bound in place of libc: it reads the passwd
 * file this test writes (the Surefire configuration points NSS_WRAPPER_PASSWD at it), so every
 * entry here is known exactly.
 */
@RequiresPackages("libnss-wrapper")
class PasswdDatabaseTest {

  private static final String WRAPPER = "libnss_wrapper.so";
  private static final String LONG_GECOS = "g".repeat(20_000);

  @BeforeAll
  static void writeTheWrapperDatabase() throws IOException {
    Path passwd = Path.of(System.getenv("NSS_WRAPPER_PASSWD"));
    Files.createDirectories(passwd.getParent());
    Files.writeString(
        passwd,
        String.join(
            "\n",
            "lc-alice:$6$salt$hash:4242:4343:Alice:/srv/mail/alice:/bin/false",
            "lc-long:x:4250:4343:" + LONG_GECOS + ":/srv/mail/long:/bin/false",
            "lc-homeless:x:4251:4343:::/bin/false",
            ""));
    Files.writeString(Path.of(System.getenv("NSS_WRAPPER_GROUP")), "lc:x:4343:\n");
  }

  private static Lookup<PasswdEntry> wrapped(String user) {
    return PasswdDatabase.load(WRAPPER).find(user);
  }

  @Test
  void entryCarriesNameHashIdsAndHome() {
    Lookup<PasswdEntry> found = wrapped("lc-alice");
    assertTrue(found.isFound());
    assertEquals(
        new PasswdEntry("lc-alice", "$6$salt$hash", 4242, 4343, "/srv/mail/alice"), found.entry());
    assertEquals(Optional.of(Path.of("/srv/mail/alice")), found.entry().homePath());
  }

  @Test
  void unknownUserIsNotFoundRatherThanFailed() {
    Lookup<PasswdEntry> missing = wrapped("lc-nobody");
    assertFalse(missing.isFound());
    assertFalse(missing.isFailed());
  }

  @Test
  void entryLargerThanTheFirstBufferIsReadThroughALargerOne() {
    // 20,000 octets of GECOS do not fit the first 4 KiB buffer: getpwnam_r answers ERANGE first.
    Lookup<PasswdEntry> found = wrapped("lc-long");
    assertTrue(found.isFound(), found.toString());
    assertEquals("/srv/mail/long", found.entry().home());
  }

  @Test
  void emptyHomeHasNoPath() {
    PasswdEntry entry = wrapped("lc-homeless").entry();
    assertEquals("", entry.home());
    assertEquals(Optional.empty(), entry.homePath());
  }

  @Test
  void theCLibraryFindsRoot() {
    Lookup<PasswdEntry> root = PasswdDatabase.load("c").find("root");
    assertTrue(root.isFound());
    assertEquals(0, root.entry().uid());
    assertFalse(PasswdDatabase.load("c").find("lc-alice").isFound(), "only nss_wrapper knows it");
  }
}
