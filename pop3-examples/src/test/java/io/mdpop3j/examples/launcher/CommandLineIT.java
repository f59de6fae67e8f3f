package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors, usage, version: what an administrator sees on the terminal. */
class CommandLineIT {
  @TempDir Path dir;

  private void assertUsageError(String expectedStart, String... args) throws Exception {
    Mdpop3dProcess.Result r = Mdpop3dProcess.run(Map.of(), dir, "", args);
    assertEquals(2, r.exit(), r.stderr());
    List<String> lines = List.of(r.stderr().split("\n", 0));
    assertEquals(2, lines.size(), r.stderr());
    assertTrue(lines.get(0).startsWith("mdpop3d: " + expectedStart), lines.get(0));
    assertTrue(lines.get(1).startsWith("usage: mdpop3d "), lines.get(1));
    assertEquals(0, r.stdout().length, "nothing on the client's side");
  }

  @Test
  void unknownOptionExitsWithStatus2() throws Exception {
    assertUsageError("unknown option -x", "-x");
  }

  @Test
  void missingArgumentExitsWithStatus2() throws Exception {
    assertUsageError("option -t needs an argument", "-t");
  }

  @Test
  void unknownAuthenticatorIsNamedWithTheAvailableOnes() throws Exception {
    assertUsageError("unknown authenticator provider 'ldap'", "--auth", "ldap");
  }

  @Test
  void unknownMailStoreIsNamed() throws Exception {
    assertUsageError("unknown mail store provider 'mbox'", "--store", "mbox");
  }

  @Test
  void badProviderSettingIsNamedWithItsFullKey() throws Exception {
    assertUsageError("setting maildir.sizes has value 'fast'", "--maildir.sizes=fast");
  }

  @Test
  void unknownProviderSettingIsNamed() throws Exception {
    assertUsageError("unknown setting maildir.colour", "--set", "maildir.colour=red");
  }

  @Test
  void unreadableTlsFilesAreAUsageError() throws Exception {
    assertUsageError(
        "TLS: ",
        "--tls-cert",
        dir.resolve("none.pem").toString(),
        "--tls-key",
        dir.resolve("none.key").toString());
  }

  @Test
  void versionListsThePlugInsAndApop() throws Exception {
    Mdpop3dProcess.Result r = Mdpop3dProcess.run(Map.of(), dir, "", "-V");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("mdpop3d (mdpop3j) "), r.out());
    assertTrue(r.out().contains("mail stores: maildir, memory"), r.out());
    assertTrue(r.out().contains("authenticators: memory, pam, passwd-file, unix"), r.out());
    assertTrue(r.out().contains("APOP"), r.out());
  }

  @Test
  void versionIsTheBuildsOwnFromTheJarManifest() throws Exception {
    Mdpop3dProcess.Result r = Mdpop3dProcess.run(Map.of(), dir, "", "-V");
    String expected = System.getProperty("mdpop3d.version");
    assertTrue(expected != null && !expected.isBlank(), "run through Maven: mdpop3d.version");
    assertEquals("mdpop3d (mdpop3j) " + expected, r.out().lines().findFirst().orElse(""), r.out());
  }

  @Test
  void helpPrintsUsageAndExitsZero() throws Exception {
    Mdpop3dProcess.Result r = Mdpop3dProcess.run(Map.of(), dir, "", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("usage: mdpop3d "), r.out());
  }
}
